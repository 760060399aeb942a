// For each segment: scientists, institutions and workstations working in its fields
// (in $regions when given).
UNWIND $segments AS seg
OPTIONAL MATCH (f:Field)<-[:IN_FIELD]-(x:Entity)
WHERE f.uid IN seg.fields AND x.kind IN ['Scientist', 'Institution', 'Workstation']
  AND (size($regions) = 0 OR x.region IN $regions)
WITH seg, x
RETURN seg.uid AS segment,
       size(collect(DISTINCT CASE WHEN x.kind = 'Scientist' THEN x.uid END)) AS scientists,
       size(collect(DISTINCT CASE WHEN x.kind = 'Institution' THEN x.uid END)) AS institutions,
       size(collect(DISTINCT CASE WHEN x.kind = 'Workstation' THEN x.uid END)) AS workstations
