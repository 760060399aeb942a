// Every region with the regions it lies within, for geography scores. The parents of a
// region within several (成都市 in 四川省 and in 成渝) come in name order: unordered,
// FalkorDB listed them newest tie first and Neo4j in whatever order its store had laid
// the ties out, which moved as earlier deletes freed records.
MATCH (r:Region)
OPTIONAL MATCH (r)-[:WITHIN]->(p:Region)
WITH r, p
ORDER BY r.uid, p.name
RETURN r.uid AS uid, r.name AS name, r.name_en AS name_en, r.level AS level, collect(p.name) AS within
