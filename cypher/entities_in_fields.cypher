// entities_filtered for a filter naming fields or needs: a page of entities of kind $kind
// that work in one of $fields (IN_FIELD) or, when no field is named, need one of $needs
// (NEEDS), in $order after the cursor ($after_key, $after_uid). It starts from the named
// fields through the uid index and walks their ties backwards, so it reads the entities
// of those fields, not every entity of the kind; a tie to both kinds of field is then
// tested on the entity. Only the page is projected.
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
WITH n, CASE $order WHEN 'name' THEN n.name WHEN 'updated' THEN coalesce(n.updated_at, '') ELSE n.uid END AS key
WHERE $after_uid = ''
   OR ($order = 'updated' AND (key < $after_key OR (key = $after_key AND n.uid > $after_uid)))
   OR ($order <> 'updated' AND (key > $after_key OR (key = $after_key AND n.uid > $after_uid)))
WITH n, key
ORDER BY CASE $order WHEN 'updated' THEN '' ELSE key END, key DESC, n.uid
LIMIT $limit
RETURN n {.*} AS entity, key
