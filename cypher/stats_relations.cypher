// Relationship counts by type.
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS type, count(r) AS total
ORDER BY type
