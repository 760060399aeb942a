// Delete one relationship of one type between two entities.
MATCH (a:Entity {uid: $source})-[r:{{rel}}]->(b:Entity {uid: $target})
DELETE r
RETURN count(*) AS deleted
