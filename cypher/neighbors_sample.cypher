// One bounded breadth-first step: for each uid, the first $per_node neighbours the engine
// yields (all of them when it has no more), in uid order, along $rel_types (all when
// empty) to entities of $kinds (all when empty) or in $endpoints. The LIMIT sits before
// the sort so that a node with many neighbours is not read in full; the engine's
// adjacency order is fixed for a given graph, so the choice is too.
UNWIND $uids AS uid
MATCH (a:Entity {uid: uid})
CALL {
  WITH a
  MATCH (a)-[r]-(b:Entity)
  WHERE (size($rel_types) = 0 OR type(r) IN $rel_types)
    AND (size($kinds) = 0 OR b.kind IN $kinds OR b.uid IN $endpoints)
  WITH r, b
  LIMIT $per_node
  RETURN r, b
  ORDER BY b.uid
}
RETURN uid AS from_uid, startNode(r).uid AS source, endNode(r).uid AS target, type(r) AS type,
       properties(r) AS props, b {.uid, .kind, .name, .name_en, .region, .synthetic} AS node
