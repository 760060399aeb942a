// For each segment: its enterprises (in $regions when given) with their flags, the
// investors and agencies tied to them, and the transfers they received.
UNWIND $segments AS seg
MATCH (s:ChainSegment {uid: seg})
OPTIONAL MATCH (s)<-[:IN_SEGMENT]-(e:Enterprise)
WHERE size($regions) = 0 OR e.region IN $regions
WITH s, collect(DISTINCT e) AS enterprises
UNWIND (CASE WHEN size(enterprises) = 0 THEN [null] ELSE enterprises END) AS e
OPTIONAL MATCH (i:Investor)-[:INVESTED_IN]->(e)
OPTIONAL MATCH (a:ServiceAgency)-[:SERVES]->(e)
OPTIONAL MATCH (:Achievement)-[t:TRANSFERRED_TO]->(e)
WITH s, enterprises, collect(DISTINCT i.uid) AS investors, collect(DISTINCT a.uid) AS agencies, collect(DISTINCT t) AS transfers
RETURN s.uid AS segment, [e IN enterprises | {uid: e.uid, name: e.name, chain_leader: coalesce(e.chain_leader, false),
       specialised: coalesce(e.specialised, false)}] AS enterprises,
       investors, agencies, size(transfers) AS transfers
