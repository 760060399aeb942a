// A cheap fingerprint of the graph's state, for invalidating cached analytics.
MATCH (n:Entity)
WITH count(n) AS nodes, max(n.updated_at) AS changed
OPTIONAL MATCH ()-[r]->()
RETURN nodes, changed, count(r) AS relationships
