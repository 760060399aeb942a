// For each of $fields, its $per_kind best-weighted members of one kind, with their region:
// the material of the field's roster. Equal weights are broken by the record's
// fingerprint (a content hash), not by uid, so a file whose weights are all equal does
// not let its lowest uids stand for the whole field. Maintenance work, run when a
// field's members change. A member with no region is listed with '': collect() drops
// nulls, and the lists must stay aligned.
UNWIND $fields AS fu
MATCH (f:Entity:Field {uid: fu})
CALL {
  WITH f
  MATCH (f)<-[r:IN_FIELD]-(c:{{kind}})
  RETURN c.uid AS uid, coalesce(r.weight, 1.0) AS weight, coalesce(c.region, '') AS region,
         coalesce(c.fingerprint, c.uid) AS shuffle
  ORDER BY weight DESC, shuffle, uid
  LIMIT $per_kind
}
RETURN f.uid AS field, collect(uid) AS uids, collect(weight) AS weights, collect(region) AS regions
