// Relationships of one type for export, by source then target uid, a page at a time.
MATCH (a:Entity)-[r:{{rel}}]->(b:Entity)
WHERE a.uid > $after_source OR (a.uid = $after_source AND b.uid > $after_target)
RETURN a.uid AS source, b.uid AS target, properties(r) AS props
ORDER BY source, target
LIMIT $limit
