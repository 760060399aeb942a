// What each organisation of $uids reaches: the chain segments it is in (IN_SEGMENT), the
// fields it works in (IN_FIELD) and the districts it is in, by name: its region, the
// regions it is LOCATED_IN and the regions of the parks it is LOCATED_IN.
UNWIND $uids AS ou
MATCH (o:Entity {uid: ou})
OPTIONAL MATCH (o)-[:IN_SEGMENT]->(s:ChainSegment)
WITH o, collect(DISTINCT s.uid) AS segments
OPTIONAL MATCH (o)-[:IN_FIELD]->(f:Field)
WITH o, segments, collect(DISTINCT f.uid) AS fields
OPTIONAL MATCH (o)-[:LOCATED_IN]->(r:Region)
WITH o, segments, fields, collect(DISTINCT r.name) AS placed
OPTIONAL MATCH (o)-[:LOCATED_IN]->(:Park)-[:LOCATED_IN]->(pr:Region)
WITH o, segments, fields, placed, collect(DISTINCT pr.name) AS parked
RETURN o.uid AS uid, o.kind AS kind, segments, fields,
       [x IN placed + parked + [o.region] WHERE x IS NOT NULL] AS districts
