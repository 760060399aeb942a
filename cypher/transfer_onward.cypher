// The next hop forward: achievements each of $enterprises developed that went on to
// another enterprise.
UNWIND $enterprises AS eu
MATCH (:Entity:Enterprise {uid: eu})-[:DEVELOPED]->(a:Achievement)-[:TRANSFERRED_TO]->(:Enterprise)
RETURN eu AS enterprise, collect(DISTINCT a.uid) AS achievements
ORDER BY enterprise
