// The enterprises of a district ($regions: its name and those within it), each with its
// stated needs (NEEDS, with priority) and the fields it works in (IN_FIELD), for an
// expert service team. Read through the region index, then narrowed to enterprises.
MATCH (e:Entity)
WHERE e.region IN $regions AND e:Enterprise
OPTIONAL MATCH (e)-[n:NEEDS]->(f:Field)
WITH e, collect(CASE WHEN f IS NULL THEN null ELSE {field: f.uid, priority: n.priority} END) AS needs
OPTIONAL MATCH (e)-[:IN_FIELD]->(g:Field)
RETURN e.uid AS uid, e.name AS name, e.name_en AS name_en, needs, collect(DISTINCT g.uid) AS fields
