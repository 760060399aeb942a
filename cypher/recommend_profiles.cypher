// What scoring needs of each candidate: properties, fields, parks, and its transfer and
// investment record and its degree over the social ties $ties, each counted only up to a
// cap: past $record_cap transfers or investments credibility is full, past $degree_cap
// ties a candidate is a hub either way, and a hub's record grows with the graph. The
// exact record of the candidates answered is read apart (recommend_records).
// A transfer counts only an achievement the candidate developed or brokered that was
// then transferred to someone.
UNWIND $uids AS cu
MATCH (c:Entity {uid: cu})
OPTIONAL MATCH (c)-[:IN_FIELD]->(f:Field)
WITH c, collect(DISTINCT {uid: f.uid, name: f.name, name_en: f.name_en}) AS fields
OPTIONAL MATCH (c)-[:LOCATED_IN]->(p:Park)
WITH c, fields, collect(DISTINCT {uid: p.uid, name: p.name, name_en: p.name_en}) AS parks
CALL {
  WITH c
  MATCH (c)-[:DEVELOPED|BROKERED]->(a:Achievement)-[:TRANSFERRED_TO]->(:Entity)
  WITH DISTINCT a
  LIMIT $record_cap
  RETURN count(a) AS transferred
}
CALL {
  WITH c
  MATCH (c)-[:INVESTED_IN]->(pe:Enterprise)
  WITH DISTINCT pe
  LIMIT $record_cap
  RETURN count(pe) AS portfolio
}
CALL {
  WITH c
  MATCH (c)-[s]-(:Entity)
  WHERE type(s) IN $ties
  WITH s
  LIMIT $degree_cap
  RETURN count(s) AS degree
}
RETURN c {.*} AS entity, fields, parks, transferred, portfolio, degree
