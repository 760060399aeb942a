// What scoring needs of each candidate: properties, fields, parks, its transfer,
// brokering and investment record, and its degree over the social ties $ties counted up
// to $degree_cap (a hub's ties grow with the graph; past the cap it is a hub either way).
// A transfer counts only an achievement the candidate developed or brokered that was
// then transferred to someone. The two steps are matched apart: FalkorDB answers an
// OPTIONAL MATCH of the whole two-step path also for achievements never transferred
// (binding the receiver to null), which made reasons count developed achievements.
UNWIND $uids AS cu
MATCH (c:Entity {uid: cu})
OPTIONAL MATCH (c)-[:IN_FIELD]->(f:Field)
WITH c, collect(DISTINCT {uid: f.uid, name: f.name, name_en: f.name_en}) AS fields
OPTIONAL MATCH (c)-[:LOCATED_IN]->(p:Park)
WITH c, fields, collect(DISTINCT {uid: p.uid, name: p.name, name_en: p.name_en}) AS parks
OPTIONAL MATCH (c)-[rt:DEVELOPED|BROKERED]->(a:Achievement)
OPTIONAL MATCH (a)-[:TRANSFERRED_TO]->(to:Entity)
WITH c, fields, parks,
     collect(DISTINCT CASE WHEN to IS NULL THEN null
                           ELSE {achievement: a.uid, type: type(rt), to: to.uid} END) AS transfers
OPTIONAL MATCH (c)-[:INVESTED_IN]->(pe:Enterprise)
WITH c, fields, parks, transfers, pe
ORDER BY pe.uid
WITH c, fields, parks, transfers, count(DISTINCT pe) AS portfolio, collect(DISTINCT pe.uid) AS invested
CALL {
  WITH c
  MATCH (c)-[s]-(:Entity)
  WHERE type(s) IN $ties
  WITH s
  LIMIT $degree_cap
  RETURN count(s) AS degree
}
RETURN c {.*} AS entity, fields, parks, transfers, portfolio, invested[0..3] AS portfolio_sample, degree
