// The fields each of $segments requires, with the narrower fields under them (up to three
// levels): expertise in a narrower field counts for the segment, as in chain_segments.
UNWIND $segments AS seg
MATCH (s:Entity:ChainSegment {uid: seg})
OPTIONAL MATCH (s)-[:REQUIRES]->(:Field)<-[:BROADER*0..3]-(f:Field)
RETURN s.uid AS uid, collect(DISTINCT f.uid) AS fields
