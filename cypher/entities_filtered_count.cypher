// How many entities of one kind match the filter of entities_filtered (no fields, no needs).
MATCH (n:{{kind}})
WHERE (size($regions) = 0 OR n.region IN $regions)
  AND all(flag IN $flags WHERE n[flag] = true)
  AND ($synthetic IS NULL OR coalesce(n.synthetic, false) = $synthetic)
  AND ($text = '' OR n.name CONTAINS $text OR toLower(coalesce(n.name_en, '')) CONTAINS toLower($text))
RETURN count(n) AS total
