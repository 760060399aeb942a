// Each field with its broader field, its siblings and its narrower fields (the taxonomy
// neighbourhood topic fit counts as near).
UNWIND $fields AS fu
MATCH (f:Entity:Field {uid: fu})
OPTIONAL MATCH (f)-[:BROADER]->(p:Field)
OPTIONAL MATCH (p)<-[:BROADER]-(s:Field)
OPTIONAL MATCH (c:Field)-[:BROADER]->(f)
RETURN f.uid AS uid, f.name AS name, f.name_en AS name_en, p.uid AS parent, collect(DISTINCT s.uid) AS siblings, collect(DISTINCT c.uid) AS children
