// Relationship counts by type; only those starting in $regions unless it is empty.
MATCH (a:Entity)-[r]->(:Entity)
WHERE size($regions) = 0 OR a.region IN $regions
RETURN type(r) AS type, count(r) AS total
ORDER BY type
