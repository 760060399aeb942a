// The ties of the analytics projection: relationships of $types between entities of
// $kinds (both ends in $regions when given).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN $types AND a.kind IN $kinds AND b.kind IN $kinds
  AND (size($regions) = 0 OR (a.region IN $regions AND b.region IN $regions))
RETURN a.uid AS source, b.uid AS target, type(r) AS type
