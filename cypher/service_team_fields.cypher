// Each of $uids that exists, with its kind and every field it works in (IN_FIELD): the
// experts a service team must include or leave out.
UNWIND $uids AS xu
MATCH (x:Entity {uid: xu})
OPTIONAL MATCH (x)-[:IN_FIELD]->(f:Field)
RETURN x.uid AS uid, x.kind AS kind, collect(f.uid) AS fields
