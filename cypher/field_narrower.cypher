// A field and every narrower field under it (three levels down), by uid.
MATCH (f:Entity:Field {uid: $field})
OPTIONAL MATCH (n:Field)-[:BROADER*1..3]->(f)
RETURN f.uid AS uid, collect(DISTINCT n.uid) AS narrower
