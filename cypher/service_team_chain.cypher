// The enterprises in any segment of an industry chain, each once, with its stated needs
// (NEEDS, with priority) and the fields it works in (IN_FIELD), for an expert service team.
MATCH (c:Entity {uid: $chain})<-[:PART_OF]-(:ChainSegment)<-[:IN_SEGMENT]-(e:Enterprise)
WITH DISTINCT e
OPTIONAL MATCH (e)-[n:NEEDS]->(f:Field)
WITH e, collect(CASE WHEN f IS NULL THEN null ELSE {field: f.uid, priority: n.priority} END) AS needs
OPTIONAL MATCH (e)-[:IN_FIELD]->(g:Field)
RETURN e.uid AS uid, e.name AS name, e.name_en AS name_en, needs, collect(DISTINCT g.uid) AS fields
