// The direct ties of each entity to people and organisations (not taxonomy, places or
// programmes), for finding which of a set already know each other, directly or through one.
// The kind filter sits after WITH: in the MATCH, FalkorDB plans it as a scan of the kind index.
UNWIND $uids AS au
MATCH (a:Entity {uid: au})-[r]-(m:Entity)
WITH au, r, m
WHERE NOT m.kind IN ['Field', 'Region', 'ChainSegment', 'IndustryChain', 'Programme']
RETURN au AS uid, m.uid AS other, type(r) AS type, startNode(r).uid = au AS outgoing
