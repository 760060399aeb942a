// The achievements a transfer-chain search starts from: those $uid developed (a scientist,
// institution or enterprise), the achievement $uid itself, or those transferred to $uid.
MATCH (x:Entity {uid: $uid})
OPTIONAL MATCH (x)-[:DEVELOPED]->(developed:Achievement)
WITH x, collect(DISTINCT developed.uid) AS developed
OPTIONAL MATCH (received:Achievement)-[:TRANSFERRED_TO]->(x)
WITH x, developed, collect(DISTINCT received.uid) AS received
RETURN x.kind AS kind, CASE WHEN x.kind = 'Achievement' THEN [x.uid] ELSE [] END + developed + received AS achievements
