// Delete an entity and its relationships.
MATCH (n:Entity {uid: $uid})
DETACH DELETE n
RETURN count(*) AS deleted
