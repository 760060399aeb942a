// Candidates two ties away through a shared organisation or person, with what they
// share: at most $per_via per shared neighbour. Places are not ties: sharing a park or a
// region is geography's evidence, and walking a park's thousands of tenants would make
// the answer cost grow with the graph.
MATCH (e:Entity {uid: $uid})-[r1]-(m:Entity)
WHERE type(r1) IN $ties AND NOT m.kind IN ['Field', 'Region', 'Park', 'ChainSegment', 'IndustryChain']
CALL {
  WITH e, m
  MATCH (m)-[r2]-(c:Entity)
  WHERE type(r2) IN $ties AND c.kind IN $kinds AND c.uid <> e.uid
  RETURN c, r2
  ORDER BY c.uid
  LIMIT $per_via
}
RETURN c.uid AS uid, c.kind AS kind,
       collect({via: m.uid, via_kind: m.kind, via_name: m.name, r1: type(r1), r2: type(r2),
                out1: startNode(r1).uid = e.uid, out2: startNode(r2).uid = m.uid}) AS vias
