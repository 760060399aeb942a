// The $top most connected entities of one kind over the social ties $ties, with their
// region and degree: the material of the kind's PopularList. A pass over every tie of
// the kind (seconds at 100,000 entities): maintenance work, run after bulk writes,
// never on a request. Equal degrees in fingerprint order (a content hash), not uid order.
MATCH (c:{{kind}})-[r]-(:Entity)
WHERE type(r) IN $ties
WITH c, count(r) AS degree
ORDER BY degree DESC, coalesce(c.fingerprint, c.uid), c.uid
LIMIT $top
RETURN c.uid AS uid, coalesce(c.region, '') AS region, degree
