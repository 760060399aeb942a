// The fields academicians work in (IN_FIELD), each with the broader fields above it (a need
// in a broader field is one an academician under it can meet), and who works there.
// Academicians are few: found through the kind index, then by their flag or title.
MATCH (p:Entity)
WHERE p.kind = 'Scientist' AND (p.is_academician = true OR p.title = '院士')
MATCH (p)-[:IN_FIELD]->(a:Field)
OPTIONAL MATCH (a)-[:BROADER*1..3]->(up:Field)
WITH p, a, collect(DISTINCT up) AS ups
UNWIND [a] + ups AS f
RETURN f.uid AS field, f.name AS field_name, f.name_en AS field_name_en, p.uid AS academician, p.name AS name,
       p.name_en AS name_en, p.region AS region,
       a.name AS own_field
ORDER BY field, academician, own_field
