// A programme (any entity, so the caller can say what else the uid is) and the uids of
// the organisations that are its partners (PARTNER_OF).
MATCH (p:Entity {uid: $programme})
OPTIONAL MATCH (o:Entity)-[:PARTNER_OF]->(p)
RETURN p.kind AS kind, p.name AS name, p.name_en AS name_en, collect(DISTINCT o.uid) AS partners
