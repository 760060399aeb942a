// For each segment, the talent of $kinds working in its fields, counted by the region
// each is recorded in ('' when none). A scientist falls in the first tier that applies:
// academician (is_academician, or the title 院士), senior (a title of $senior_titles),
// young, other; overseas (海智) talent is counted across the tiers.
UNWIND $segments AS seg
UNWIND seg.fields AS field
MATCH (:Entity:Field {uid: field})<-[:IN_FIELD]-(x:Entity)
WHERE x.kind IN $kinds
WITH DISTINCT seg.uid AS segment, x
WITH segment, coalesce(x.region, '') AS region, x.kind AS kind,
     CASE
       WHEN x.kind <> 'Scientist' THEN ''
       WHEN x.is_academician = true OR x.title = '院士' THEN 'academician'
       WHEN x.title IN $senior_titles THEN 'senior'
       WHEN x.young = true THEN 'young'
       ELSE 'other'
     END AS tier,
     x.kind = 'Scientist' AND x.overseas = true AS overseas
RETURN segment, region,
       count(CASE WHEN kind = 'Scientist' THEN 1 END) AS scientists,
       count(CASE WHEN tier = 'academician' THEN 1 END) AS academicians,
       count(CASE WHEN tier = 'senior' THEN 1 END) AS senior,
       count(CASE WHEN tier = 'young' THEN 1 END) AS young,
       count(CASE WHEN tier = 'other' THEN 1 END) AS other,
       count(CASE WHEN overseas THEN 1 END) AS overseas,
       count(CASE WHEN kind = 'Institution' THEN 1 END) AS institutions,
       count(CASE WHEN kind = 'Society' THEN 1 END) AS societies,
       count(CASE WHEN kind = 'Workstation' THEN 1 END) AS workstations
ORDER BY segment, region
