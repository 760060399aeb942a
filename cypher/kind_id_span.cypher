// How many entities one kind has and the span of engine ids they occupy: how a recount
// over the whole kind is cut into statements of bounded size (see kind_popular).
MATCH (c:{{kind}})
RETURN count(c) AS members, min(id(c)) AS low, max(id(c)) AS high
