// Whether a relationship of one type runs from source to target.
MATCH (a:Entity {uid: $source})-[r:{{rel}}]->(b:Entity {uid: $target})
RETURN count(r) AS found
