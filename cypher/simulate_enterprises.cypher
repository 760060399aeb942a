// Enterprises that state technology needs (NEEDS), with those fields' uids and names, for the
// workflow simulation (services/workflow/simulate.py), which samples them with its own seed.
MATCH (e:Entity:Enterprise)-[:NEEDS]->(f:Entity:Field)
WITH e, f
ORDER BY f.uid
WITH e, collect(f.uid) AS fields, collect(f.name) AS names
RETURN e.uid AS uid, e.region AS region, fields, names
ORDER BY uid
LIMIT $limit
