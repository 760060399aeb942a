// Entity counts by kind, with how many are synthetic; within $regions unless it is empty.
MATCH (n:Entity)
WHERE size($regions) = 0 OR n.region IN $regions
RETURN n.kind AS kind, count(n) AS total, toInteger(sum(CASE WHEN n.synthetic = true THEN 1 ELSE 0 END)) AS synthetic
ORDER BY kind
