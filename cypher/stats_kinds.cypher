// Entity counts by kind, with how many are synthetic.
MATCH (n:Entity)
RETURN n.kind AS kind, count(n) AS total, toInteger(sum(CASE WHEN n.synthetic = true THEN 1 ELSE 0 END)) AS synthetic
ORDER BY kind
