// Candidates three social ties away (asker - near - far - candidate), for the kinds no
// two-tie path reaches often enough: an enterprise's next investor co-invests with its
// investors, a scientist's next society is where its co-workers' co-workers are. Each
// middle comes with its degree, counted up to $degree_cap; a middle at the cap is a hub,
// whose share of any one path (1 / cap) is not worth walking, so walks stop there. At
// most $per_via neighbours per middle, in fingerprint order, bound the work at any size.
MATCH (e:Entity {uid: $uid})-[r1]-(m:Entity)
WHERE type(r1) IN $ties AND NOT m.kind IN ['Field', 'Region', 'Park', 'ChainSegment', 'IndustryChain']
CALL {
  WITH m
  MATCH (m)-[rd]-(:Entity)
  WHERE type(rd) IN $ties
  WITH rd
  LIMIT $degree_cap
  RETURN count(rd) AS near_degree
}
WITH e, m, r1, near_degree
WHERE near_degree < $degree_cap
CALL {
  WITH e, m
  MATCH (m)-[r2]-(x:Entity)
  WHERE type(r2) IN $ties AND x.uid <> e.uid
    AND NOT x.kind IN ['Field', 'Region', 'Park', 'ChainSegment', 'IndustryChain']
  RETURN x, r2
  ORDER BY coalesce(x.fingerprint, x.uid), x.uid
  LIMIT $per_via
}
CALL {
  WITH x
  MATCH (x)-[rd]-(:Entity)
  WHERE type(rd) IN $ties
  WITH rd
  LIMIT $degree_cap
  RETURN count(rd) AS far_degree
}
WITH e, m, r1, near_degree, x, r2, far_degree
WHERE far_degree < $degree_cap
CALL {
  WITH e, m, x
  MATCH (x)-[r3]-(c:Entity)
  WHERE type(r3) IN $ties AND c.kind IN $kinds AND c.uid <> e.uid AND c.uid <> m.uid
  RETURN c, r3
  ORDER BY coalesce(c.fingerprint, c.uid), c.uid
  LIMIT $per_via
}
RETURN c.uid AS uid, c.kind AS kind, c.region AS region,
       collect({near: m.uid, near_kind: m.kind, near_name: m.name, near_name_en: m.name_en, near_degree: near_degree,
                far: x.uid, far_kind: x.kind, far_name: x.name, far_name_en: x.name_en, far_degree: far_degree,
                r1: type(r1), r2: type(r2), r3: type(r3),
                out1: startNode(r1).uid = e.uid, out2: startNode(r2).uid = m.uid, out3: startNode(r3).uid = x.uid}) AS bridges
