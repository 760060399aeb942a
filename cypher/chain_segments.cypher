// The segments of an industry chain in order, with the fields each requires and the
// narrower fields under them (expertise in a narrower field counts for the segment).
MATCH (c:Entity:IndustryChain {uid: $chain})<-[:PART_OF]-(s:ChainSegment)
OPTIONAL MATCH (s)-[:REQUIRES]->(f:Field)
OPTIONAL MATCH (n:Field)-[:BROADER*1..3]->(f)
WITH c, s, collect(DISTINCT f.uid) AS required, collect(DISTINCT n.uid) AS narrower
RETURN c.name AS chain_name, c.name_en AS chain_name_en, c.region AS chain_region, s.uid AS uid, s.name AS name, s.name_en AS name_en,
       s.position AS position, required, required + narrower AS fields,
       s.tally_actors AS tally_actors, s.tally_talent AS tally_talent
ORDER BY position, uid
