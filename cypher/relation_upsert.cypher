// Upsert relationships of one type by (source uid, type, target uid).
UNWIND $rows AS row
MATCH (a:Entity {uid: row.source})
MATCH (b:Entity {uid: row.target})
MERGE (a)-[r:{{rel}}]->(b)
SET r += row.props
RETURN count(r) AS written
