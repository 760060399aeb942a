// The kind, region and social degree (over $ties) of each of $uids that exists: what a
// PopularList needs to take in the entities a write touched.
UNWIND $uids AS u
MATCH (c:Entity {uid: u})
OPTIONAL MATCH (c)-[r]-(:Entity)
WHERE type(r) IN $ties
RETURN c.uid AS uid, c.kind AS kind, coalesce(c.region, '') AS region, count(r) AS degree
