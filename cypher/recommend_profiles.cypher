// What scoring needs of each candidate: properties, fields, parks, and its transfer,
// brokering and investment record with up to three examples.
UNWIND $uids AS cu
MATCH (c:Entity {uid: cu})
OPTIONAL MATCH (c)-[:IN_FIELD]->(f:Field)
WITH c, collect(DISTINCT {uid: f.uid, name: f.name}) AS fields
OPTIONAL MATCH (c)-[:LOCATED_IN]->(p:Park)
WITH c, fields, collect(DISTINCT p.uid) AS parks
OPTIONAL MATCH (c)-[rt:DEVELOPED|BROKERED]->(a:Achievement)-[:TRANSFERRED_TO]->(:Entity)
WITH c, fields, parks, collect(DISTINCT {achievement: a.uid, type: type(rt)}) AS transfers
OPTIONAL MATCH (c)-[:INVESTED_IN]->(pe:Enterprise)
RETURN c {.*} AS entity, fields, parks, transfers, count(DISTINCT pe) AS portfolio
