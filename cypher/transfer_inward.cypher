// The previous hop backward: achievements transferred to each of $enterprises.
UNWIND $enterprises AS eu
MATCH (a:Achievement)-[:TRANSFERRED_TO]->(:Entity:Enterprise {uid: eu})
RETURN eu AS enterprise, collect(DISTINCT a.uid) AS achievements
ORDER BY enterprise
