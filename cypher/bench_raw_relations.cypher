// The engine's raw write rate for relationships: both ends found by uid, the relationship
// created as it is (no MERGE), for the import benchmark to compare against.
UNWIND $rows AS row
MATCH (a:Entity {uid: row.source})
MATCH (b:Entity {uid: row.target})
CREATE (a)-[r:{{rel}}]->(b)
SET r = row.props
RETURN count(r) AS written
