// How many entities entities_in_regions pages through, from the same index.
MATCH (n:Entity)
WHERE n.kind = $kind AND n.region IN $regions
  AND all(flag IN $flags WHERE n[flag] = true)
  AND ($synthetic IS NULL OR coalesce(n.synthetic, false) = $synthetic)
  AND ($text = '' OR n.name CONTAINS $text OR toLower(coalesce(n.name_en, '')) CONTAINS toLower($text))
RETURN count(n) AS total
