// The chain segments whose counts a write to $uids can change. Their enterprises' side
// (actors): the segment itself, the segments of an enterprise, and of the enterprises an
// investor, agency or achievement is tied to. Their talent: the segment itself, and those
// requiring a field (or a broader one of it, up to three levels) that a scientist,
// institution or workstation works in, or that is itself among $uids. Each list is
// collected on its own: FalkorDB cannot add a projected list to an aggregate in one WITH.
UNWIND $uids AS u
MATCH (x:Entity {uid: u})
OPTIONAL MATCH (x)-[:IN_SEGMENT]->(a:ChainSegment)
WITH x, collect(DISTINCT a.uid) AS own
OPTIONAL MATCH (x)-[:INVESTED_IN|SERVES|TRANSFERRED_TO]->(:Enterprise)-[:IN_SEGMENT]->(b:ChainSegment)
WITH x, own, collect(DISTINCT b.uid) AS served
OPTIONAL MATCH (x)-[:IN_FIELD]->(:Field)-[:BROADER*0..3]->(:Field)<-[:REQUIRES]-(c:ChainSegment)
WHERE x.kind IN ['Scientist', 'Institution', 'Workstation']
WITH x, own, served, collect(DISTINCT c.uid) AS working
OPTIONAL MATCH (x)-[:BROADER*0..3]->(:Field)<-[:REQUIRES]-(d:ChainSegment)
WHERE x.kind = 'Field'
WITH x, own, served, working, collect(DISTINCT d.uid) AS requiring
WITH x, own, served, working, requiring, CASE WHEN x.kind = 'ChainSegment' THEN [x.uid] ELSE [] END AS itself
RETURN own + served + itself AS actors, working + requiring + itself AS talent
