// entities_filtered for a filter of places and nothing the entity's ties decide (no fields,
// no needs): a page of entities of kind $kind whose region is one of $regions (a place and
// the places within it), in $order after the cursor ($after_key, $after_uid). It starts
// from the index on kind and region instead of scanning the kind (FalkorDB answers both in
// one index scan, Neo4j seeks entity_kind_region), evaluates no pattern per entity (on
// FalkorDB those cost more than the scan) and projects only the page.
MATCH (n:Entity)
WHERE n.kind = $kind AND n.region IN $regions
  AND all(flag IN $flags WHERE n[flag] = true)
  AND ($synthetic IS NULL OR coalesce(n.synthetic, false) = $synthetic)
  AND ($text = '' OR n.name CONTAINS $text OR toLower(coalesce(n.name_en, '')) CONTAINS toLower($text))
WITH n, CASE $order WHEN 'name' THEN n.name WHEN 'updated' THEN coalesce(n.updated_at, '') ELSE n.uid END AS key
WHERE $after_uid = ''
   OR ($order = 'updated' AND (key < $after_key OR (key = $after_key AND n.uid > $after_uid)))
   OR ($order <> 'updated' AND (key > $after_key OR (key = $after_key AND n.uid > $after_uid)))
WITH n, key
ORDER BY CASE $order WHEN 'updated' THEN '' ELSE key END, key DESC, n.uid
LIMIT $limit
RETURN n {.*} AS entity, key
