// Which of $uids already know each other: for each of them, its ties to the others and
// to the neighbours it shares with at least one other (people and organisations, not
// taxonomy, places or programmes). A neighbour only one of them has is left out here,
// not in Python: a society or investor among them has thousands.
// The kind filter sits after WITH: in the MATCH, FalkorDB plans it as a scan of the kind index.
UNWIND $uids AS au
MATCH (a:Entity {uid: au})-[r]-(m:Entity)
WITH au, r, m
WHERE NOT m.kind IN ['Field', 'Region', 'ChainSegment', 'IndustryChain', 'Programme']
WITH m, collect({uid: au, type: type(r), outgoing: startNode(r).uid = au}) AS ties
WHERE size(ties) > 1 OR m.uid IN $uids
UNWIND ties AS tie
RETURN tie.uid AS uid, m.uid AS other, tie.type AS type, tie.outgoing AS outgoing
