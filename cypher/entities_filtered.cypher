// A page of entities of one kind matching the filter, in $order ('uid', 'name' or
// 'updated', newest first), after the cursor ($after_key, $after_uid). Empty lists and
// null mean "any". $flags are boolean property names from the ontology, all required.
// $fields are fields the entity works in (IN_FIELD), $needs fields it needs (NEEDS).
MATCH (n:{{kind}})
WHERE (size($regions) = 0 OR n.region IN $regions)
  AND all(flag IN $flags WHERE n[flag] = true)
  AND ($synthetic IS NULL OR coalesce(n.synthetic, false) = $synthetic)
  AND ($text = '' OR n.name CONTAINS $text OR toLower(coalesce(n.name_en, '')) CONTAINS toLower($text))
WITH n, CASE WHEN size($fields) = 0 THEN 1 ELSE size([(n)-[:IN_FIELD]->(f:Field) WHERE f.uid IN $fields | f.uid]) END AS hits
WHERE hits > 0
WITH n, CASE WHEN size($needs) = 0 THEN 1 ELSE size([(n)-[:NEEDS]->(f:Field) WHERE f.uid IN $needs | f.uid]) END AS wants
WHERE wants > 0
WITH n, CASE $order WHEN 'name' THEN n.name WHEN 'updated' THEN coalesce(n.updated_at, '') ELSE n.uid END AS key
WHERE $after_uid = ''
   OR ($order = 'updated' AND (key < $after_key OR (key = $after_key AND n.uid > $after_uid)))
   OR ($order <> 'updated' AND (key > $after_key OR (key = $after_key AND n.uid > $after_uid)))
RETURN n {.*} AS entity, key
ORDER BY CASE $order WHEN 'updated' THEN '' ELSE key END, key DESC, n.uid
LIMIT $limit
