// Every region with the regions it lies within, for geography scores.
MATCH (r:Region)
OPTIONAL MATCH (r)-[:WITHIN]->(p:Region)
RETURN r.uid AS uid, r.name AS name, r.name_en AS name_en, collect(p.name) AS within
