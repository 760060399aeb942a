// Where a chain's transfers break: achievements in the fields its segments require that
// were never transferred, and its enterprises with stated needs that no transfer reached.
MATCH (c:Entity:IndustryChain {uid: $chain})<-[:PART_OF]-(s:ChainSegment)
OPTIONAL MATCH (s)-[:REQUIRES]->(:Field)<-[:IN_FIELD]-(a:Achievement)
WHERE NOT (a)-[:TRANSFERRED_TO]->(:Enterprise)
WITH c, collect(DISTINCT a {.uid, .name, .status, .trl}) AS idle
OPTIONAL MATCH (c)<-[:PART_OF]-(s2:ChainSegment)<-[:IN_SEGMENT]-(e:Enterprise)-[:NEEDS]->(f:Field)
WHERE NOT (:Achievement)-[:TRANSFERRED_TO]->(e)
WITH idle, e, collect(DISTINCT f.name) AS needs
RETURN idle, collect({uid: e.uid, name: e.name, needs: needs}) AS unserved
