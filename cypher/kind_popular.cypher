// The $top most connected entities of one kind whose engine id lies in [$low, $high), over
// the social ties $ties, with region and degree: one slice of the kind's PopularList
// recount. Counting every tie of a kind in one statement takes over half a minute at a
// million entities, past the query timeout; a slice of ids is a seek (FalkorDB: label and
// id scan), so each statement stays short and the slices' tops are merged by the caller.
// Maintenance work after bulk writes, never on a request. Equal degrees in fingerprint
// order (a content hash, returned as rank_key for the merge), not uid order.
MATCH (c:{{kind}})
WHERE id(c) >= $low AND id(c) < $high
MATCH (c)-[r]-(:Entity)
WHERE type(r) IN $ties
WITH c, count(r) AS degree
ORDER BY degree DESC, coalesce(c.fingerprint, c.uid), c.uid
LIMIT $top
RETURN c.uid AS uid, coalesce(c.region, '') AS region, degree, coalesce(c.fingerprint, c.uid) AS rank_key
