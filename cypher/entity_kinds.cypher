// The kind of each uid that exists, for validating references before a write.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
RETURN n.uid AS uid, n.kind AS kind
