// Entities by a list of uids (DataLoader batches).
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n {.*} AS entity
