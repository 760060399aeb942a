// For each segment, the institutions (AFFILIATED_WITH) and societies (MEMBER_OF) outside
// $regions that the segment's scientists belong to, each with how many of them, the $top
// most of each kind: where talent outside the region can be reached and recruited.
UNWIND $segments AS seg
UNWIND seg.fields AS field
MATCH (:Entity:Field {uid: field})<-[:IN_FIELD]-(p:Scientist)
WITH DISTINCT seg.uid AS segment, p
MATCH (p)-[:AFFILIATED_WITH|MEMBER_OF]->(o:Entity)
WHERE o.kind IN ['Institution', 'Society'] AND o.region IS NOT NULL AND NOT o.region IN $regions
WITH segment, o, count(DISTINCT p) AS scientists
ORDER BY segment, o.kind, scientists DESC, o.uid
WITH segment, o.kind AS kind,
     collect({uid: o.uid, name: o.name, name_en: o.name_en, region: o.region, scientists: scientists}) AS orgs
RETURN segment, kind, orgs[..$top] AS orgs
ORDER BY segment, kind
