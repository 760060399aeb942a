// For each of $fields, its $per_kind best-weighted members of one kind (ties by uid): the
// material of the field's roster. Maintenance work, run when a field's members change.
UNWIND $fields AS fu
MATCH (f:Entity:Field {uid: fu})
CALL {
  WITH f
  MATCH (f)<-[r:IN_FIELD]-(c:{{kind}})
  RETURN c.uid AS uid, coalesce(r.weight, 1.0) AS weight
  ORDER BY weight DESC, uid
  LIMIT $per_kind
}
RETURN f.uid AS field, collect(uid) AS uids, collect(weight) AS weights
