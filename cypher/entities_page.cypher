// A page of entities of one kind in uid order, after a cursor uid.
MATCH (n:{{kind}})
WHERE n.uid > $after
RETURN n {.*} AS entity
ORDER BY n.uid
LIMIT $limit
