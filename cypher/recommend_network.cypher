// Candidates two ties away through a shared organisation or person, with what they
// share and how many ties that shared neighbour has (its degree, counted up to
// $degree_cap: a society of thousands says less about a warm introduction than a
// co-worker with three, and past the cap it is a hub either way). At most $per_via
// candidates per shared neighbour, in fingerprint order (a content hash), so a hub's
// lowest uids do not stand for all of it. Places are not ties: sharing a park or a
// region is geography's evidence, and walking a park's thousands of tenants would make
// the answer cost grow with the graph.
MATCH (e:Entity {uid: $uid})-[r1]-(m:Entity)
WHERE type(r1) IN $ties AND NOT m.kind IN ['Field', 'Region', 'Park', 'ChainSegment', 'IndustryChain']
CALL {
  WITH m
  MATCH (m)-[rd]-(:Entity)
  WHERE type(rd) IN $ties
  WITH rd
  LIMIT $degree_cap
  RETURN count(rd) AS degree
}
CALL {
  WITH e, m
  MATCH (m)-[r2]-(c:Entity)
  WHERE type(r2) IN $ties AND c.kind IN $kinds AND c.uid <> e.uid
  RETURN c, r2
  ORDER BY coalesce(c.fingerprint, c.uid), c.uid
  LIMIT $per_via
}
RETURN c.uid AS uid, c.kind AS kind, c.region AS region,
       collect({via: m.uid, via_kind: m.kind, via_name: m.name, via_name_en: m.name_en, degree: degree, r1: type(r1), r2: type(r2),
                out1: startNode(r1).uid = e.uid, out2: startNode(r2).uid = m.uid}) AS vias
