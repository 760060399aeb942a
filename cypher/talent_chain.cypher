// The segments of an industry chain with their positions, the segments of the same chain
// each leads to (NEXT), the fields each requires and the narrower fields under them
// (expertise in a narrower field serves the segment, as chain gaps count it).
MATCH (c:Entity:IndustryChain {uid: $chain})<-[:PART_OF]-(s:ChainSegment)
OPTIONAL MATCH (s)-[:NEXT]->(n:ChainSegment)-[:PART_OF]->(c)
WITH c, s, collect(DISTINCT n.uid) AS next
OPTIONAL MATCH (s)-[:REQUIRES]->(f:Field)
OPTIONAL MATCH (g:Field)-[:BROADER*1..3]->(f)
WITH c, s, next, collect(DISTINCT f) AS required, collect(DISTINCT g.uid) AS narrower
RETURN c.name AS chain_name, c.name_en AS chain_name_en, c.region AS chain_region,
       s.uid AS uid, s.name AS name, s.name_en AS name_en, s.position AS position, next,
       [f IN required | {uid: f.uid, name: f.name, name_en: f.name_en}] AS required,
       [f IN required | f.uid] + narrower AS fields
ORDER BY position, uid
