// Transfer chains through each achievement: who developed it, the enterprise it went to,
// the agency that brokered it, the investors of that enterprise and the park it sits in,
// with the relationship properties of each step; plus the achievement's fields and the
// enterprise's chain segments, which scope filters test.
UNWIND $achievements AS au
MATCH (a:Entity:Achievement {uid: au})-[t:TRANSFERRED_TO]->(e:Enterprise)
OPTIONAL MATCH (src:Entity)-[d:DEVELOPED]->(a)
WITH a, t, e, collect({node: src {.uid, .name, .kind}, props: properties(d)}) AS developers
OPTIONAL MATCH (g:ServiceAgency)-[b:BROKERED]->(a)
WITH a, t, e, developers, collect({node: g {.uid, .name, .kind}, props: properties(b)}) AS brokers
OPTIONAL MATCH (i:Investor)-[v:INVESTED_IN]->(e)
WITH a, t, e, developers, brokers, collect({node: i {.uid, .name, .kind}, props: properties(v)}) AS investors
OPTIONAL MATCH (e)-[:LOCATED_IN]->(p:Park)
WITH a, t, e, developers, brokers, investors, collect(p {.uid, .name, .kind}) AS parks
OPTIONAL MATCH (a)-[:IN_FIELD]->(f:Field)
WITH a, t, e, developers, brokers, investors, parks, collect(DISTINCT f.uid) AS fields
OPTIONAL MATCH (e)-[:IN_SEGMENT]->(s:ChainSegment)
RETURN a {.uid, .name, .kind} AS achievement, properties(t) AS transfer, e {.uid, .name, .kind} AS enterprise,
       developers, brokers, investors, parks, fields, collect(DISTINCT s.uid) AS segments
ORDER BY achievement.uid, enterprise.uid
