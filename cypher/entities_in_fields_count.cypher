// How many entities entities_in_fields pages through, from the same fields.
MATCH (f:Entity)
WHERE f.uid IN (CASE WHEN size($fields) > 0 THEN $fields ELSE $needs END) AND f.kind = 'Field'
MATCH (f)<-[r:IN_FIELD|NEEDS]-(n:{{kind}})
WHERE type(r) = (CASE WHEN size($fields) > 0 THEN 'IN_FIELD' ELSE 'NEEDS' END)
WITH DISTINCT n
WHERE (size($regions) = 0 OR n.region IN $regions)
  AND all(flag IN $flags WHERE n[flag] = true)
  AND ($synthetic IS NULL OR coalesce(n.synthetic, false) = $synthetic)
  AND ($text = '' OR n.name CONTAINS $text OR toLower(coalesce(n.name_en, '')) CONTAINS toLower($text))
// FalkorDB cannot evaluate a pattern comprehension in this WHERE: project it first.
WITH n, CASE WHEN size($fields) = 0 OR size($needs) = 0 THEN 1
             ELSE size([(n)-[:NEEDS]->(g:Field) WHERE g.uid IN $needs | g.uid]) END AS wants
WHERE wants > 0
RETURN count(n) AS total
