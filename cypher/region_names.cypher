// The names of a region and of every region within it (up to three levels down), matched
// by the region's name or uid.
MATCH (r:Region)
WHERE r.name = $region OR r.uid = $region
OPTIONAL MATCH (s:Region)-[:WITHIN*1..3]->(r)
RETURN r.name AS name, collect(DISTINCT s.name) AS within
