// How many entities of one kind exist.
MATCH (n:{{kind}})
RETURN count(n) AS total
