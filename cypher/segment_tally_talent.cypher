// For each segment ({uid, fields}) and each region: the scientists, institutions and
// workstations working in its fields. Each entity has one region, so the counts of a set of
// regions are the sums of theirs.
UNWIND $segments AS seg
UNWIND seg.fields AS fu
MATCH (:Entity:Field {uid: fu})<-[:IN_FIELD]-(x:Entity)
WHERE x.kind IN ['Scientist', 'Institution', 'Workstation']
WITH DISTINCT seg.uid AS segment, x
RETURN segment, coalesce(x.region, '') AS region,
       count(CASE WHEN x.kind = 'Scientist' THEN 1 END) AS scientists,
       count(CASE WHEN x.kind = 'Institution' THEN 1 END) AS institutions,
       count(CASE WHEN x.kind = 'Workstation' THEN 1 END) AS workstations
