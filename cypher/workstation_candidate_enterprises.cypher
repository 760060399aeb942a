// Enterprises in $regions (every region when empty) with no workstation that has not
// exited, a chain role (IN_SEGMENT) and a need (NEEDS) in one of $fields (where an
// academician's expertise lies): candidate hosts of a new station.
UNWIND $fields AS field
// NEEDS leaves enterprises only (the ontology): an unlabelled end keeps the planner on the field.
MATCH (:Entity:Field {uid: field})<-[n:NEEDS]-(e)
WHERE size($regions) = 0 OR e.region IN $regions
WITH e, n, field, [(e)<-[:HOSTED_BY]-(w:Workstation) | coalesce(w.status, '')] AS stations
WHERE none(status IN stations WHERE status <> 'exited')
WITH e, collect(DISTINCT {field: field, priority: n.priority}) AS needs
MATCH (e)-[r:IN_SEGMENT]->(s:ChainSegment)-[:PART_OF]->(c:IndustryChain)
RETURN e.uid AS uid, e.name AS name, e.name_en AS name_en, e.kind AS kind, e.region AS region,
       coalesce(e.chain_leader, false) AS chain_leader, coalesce(e.specialised, false) AS specialised, needs,
       collect(DISTINCT {segment: s.uid, name: s.name, chain: c.uid, chain_name: c.name, role: r.role}) AS roles
ORDER BY uid
