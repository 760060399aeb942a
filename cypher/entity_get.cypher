// One entity by uid with all its properties.
MATCH (n:Entity {uid: $uid})
RETURN n {.*} AS entity
