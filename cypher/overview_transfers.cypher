// Technology transfers into a region's enterprises, by year (undated ones under null).
MATCH (:Achievement)-[t:TRANSFERRED_TO]->(e:Enterprise)
WHERE e.region IN $regions
RETURN t.year AS year, count(t) AS transfers
ORDER BY year
