// For each segment: its enterprises (in $regions when given) with their flags, and for
// each enterprise the investors and agencies tied to it and the transfers it received.
// Each tie is aggregated before the next is matched: matching all three at once would
// multiply them per enterprise. The segment-wide distinct sets are formed by the caller.
UNWIND $segments AS seg
MATCH (s:Entity:ChainSegment {uid: seg})
OPTIONAL MATCH (s)<-[:IN_SEGMENT]-(e:Enterprise)
WHERE size($regions) = 0 OR e.region IN $regions
WITH DISTINCT s, e
OPTIONAL MATCH (i:Investor)-[:INVESTED_IN]->(e)
WITH s, e, collect(DISTINCT i.uid) AS investors
OPTIONAL MATCH (a:ServiceAgency)-[:SERVES]->(e)
WITH s, e, investors, collect(DISTINCT a.uid) AS agencies
OPTIONAL MATCH (:Achievement)-[t:TRANSFERRED_TO]->(e)
WITH s, e, investors, agencies, count(DISTINCT t) AS transfers
RETURN s.uid AS segment,
       collect(CASE WHEN e IS NULL THEN null ELSE {uid: e.uid, name: e.name, region: coalesce(e.region, ''), chain_leader: coalesce(e.chain_leader, false),
               specialised: coalesce(e.specialised, false), investors: investors, agencies: agencies,
               transfers: transfers} END) AS enterprises
