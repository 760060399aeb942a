// How many entities of one kind match the filter of entities_filtered.
MATCH (n:{{kind}})
WHERE (size($regions) = 0 OR n.region IN $regions)
  AND all(flag IN $flags WHERE n[flag] = true)
  AND ($synthetic IS NULL OR coalesce(n.synthetic, false) = $synthetic)
  AND ($text = '' OR n.name CONTAINS $text OR toLower(coalesce(n.name_en, '')) CONTAINS toLower($text))
WITH n, CASE WHEN size($fields) = 0 THEN 1 ELSE size([(n)-[:IN_FIELD]->(f:Field) WHERE f.uid IN $fields | f.uid]) END AS hits
WHERE hits > 0
WITH n, CASE WHEN size($needs) = 0 THEN 1 ELSE size([(n)-[:NEEDS]->(f:Field) WHERE f.uid IN $needs | f.uid]) END AS wants
WHERE wants > 0
RETURN count(n) AS total
