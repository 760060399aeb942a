// The whole transfer and investment record of the candidates a recommendation answers
// with, for their reasons: every transferred achievement the candidate developed or
// brokered (with whom it went to), and its investments' count with the first three.
// The two steps are matched apart: FalkorDB answers an OPTIONAL MATCH of the whole
// two-step path also for achievements never transferred (binding the receiver to null).
UNWIND $uids AS cu
MATCH (c:Entity {uid: cu})
OPTIONAL MATCH (c)-[rt:DEVELOPED|BROKERED]->(a:Achievement)
OPTIONAL MATCH (a)-[:TRANSFERRED_TO]->(to:Entity)
WITH c, collect(DISTINCT CASE WHEN to IS NULL THEN null
                              ELSE {achievement: a.uid, type: type(rt), to: to.uid} END) AS transfers
OPTIONAL MATCH (c)-[:INVESTED_IN]->(pe:Enterprise)
WITH c, transfers, pe
ORDER BY pe.uid
WITH c, transfers, count(DISTINCT pe) AS portfolio, collect(DISTINCT pe.uid) AS invested
RETURN c.uid AS uid, transfers, portfolio, invested[0..3] AS portfolio_sample
