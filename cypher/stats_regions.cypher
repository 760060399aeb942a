// Entity counts by the region property.
MATCH (n:Entity)
WHERE n.region IS NOT NULL
RETURN n.region AS region, count(n) AS total
ORDER BY total DESC, region
