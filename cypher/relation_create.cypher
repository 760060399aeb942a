// Relationships created as they are: the import's bulk path for relationships with an end
// new to the graph (so the relationship cannot exist yet), and the import benchmark's raw
// write rate. Both ends found by uid; no MERGE.
UNWIND $rows AS row
MATCH (a:Entity {uid: row.source})
MATCH (b:Entity {uid: row.target})
CREATE (a)-[r:{{rel}}]->(b)
SET r = row.props
RETURN count(r) AS written
