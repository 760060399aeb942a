// Every region name with the names of the regions within it (up to three levels down), as
// region_names gives them for one: a segment's tally is kept for each such scope.
MATCH (r:Region)
OPTIONAL MATCH (s:Region)-[:WITHIN*1..3]->(r)
RETURN r.name AS name, collect(DISTINCT s.name) AS within
