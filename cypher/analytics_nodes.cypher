// The people and organisations of the analytics projection (in $regions when given).
MATCH (n:Entity)
WHERE n.kind IN $kinds AND (size($regions) = 0 OR n.region IN $regions)
RETURN n.uid AS uid, n.kind AS kind, n.name AS name
