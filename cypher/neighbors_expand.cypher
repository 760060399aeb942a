// One breadth-first step: up to $per_node neighbours of each uid, in uid order, along
// $rel_types (all when empty) to entities of $kinds (all when empty); $endpoints are
// always reachable, whatever their kind.
UNWIND $uids AS uid
MATCH (a:Entity {uid: uid})
CALL {
  WITH a
  MATCH (a)-[r]-(b:Entity)
  WHERE (size($rel_types) = 0 OR type(r) IN $rel_types)
    AND (size($kinds) = 0 OR b.kind IN $kinds OR b.uid IN $endpoints)
  RETURN r, b
  ORDER BY b.uid
  LIMIT $per_node
}
RETURN uid AS from_uid, startNode(r).uid AS source, endNode(r).uid AS target, type(r) AS type,
       properties(r) AS props, b {.uid, .kind, .name, .name_en, .region, .synthetic} AS node
