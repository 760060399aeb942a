// Institutions in $regions (every region when empty) with no workstation that has not
// exited, working (IN_FIELD) in one of $fields (where an academician's expertise lies) that
// is, or lies under, a field a chain segment requires (REQUIRES): their chain role is to
// supply that segment. Candidate hosts of a new station.
UNWIND $fields AS field
// The kind as a property, not a label: with the label the planner scans every institution.
MATCH (f:Entity:Field {uid: field})<-[:IN_FIELD]-(i:Entity)
WHERE i.kind = 'Institution' AND (size($regions) = 0 OR i.region IN $regions)
WITH i, f, field, [(i)<-[:HOSTED_BY]-(w:Workstation) | coalesce(w.status, '')] AS stations
WHERE none(status IN stations WHERE status <> 'exited')
MATCH (f)-[:BROADER*0..3]->(:Field)<-[:REQUIRES]-(s:ChainSegment)-[:PART_OF]->(c:IndustryChain)
WITH i, collect(DISTINCT field) AS fields,
     collect(DISTINCT {segment: s.uid, name: s.name, chain: c.uid, chain_name: c.name, role: null}) AS roles
RETURN i.uid AS uid, i.name AS name, i.name_en AS name_en, i.kind AS kind, i.region AS region,
       false AS chain_leader, false AS specialised, [f IN fields | {field: f, priority: null}] AS needs, roles
ORDER BY uid
