// Candidates of the asked kinds working in any of $fields: at most $per_field each,
// those in $regions first, then by field weight, then by fingerprint (a content hash, so
// equal weights do not favour low uids; deterministic on both engines).
UNWIND $fields AS fu
MATCH (f:Entity:Field {uid: fu})
CALL {
  WITH f
  MATCH (f)<-[r:IN_FIELD]-(c:Entity)
  WHERE c.kind IN $kinds AND c.uid <> $uid
  RETURN c, r
  ORDER BY CASE WHEN c.region IN $regions THEN 0 ELSE 1 END, coalesce(r.weight, 1.0) DESC,
           coalesce(c.fingerprint, c.uid), c.uid
  LIMIT $per_field
}
RETURN c.uid AS uid, c.kind AS kind, c.region AS region,
       collect({field: f.uid, weight: coalesce(r.weight, 1.0)}) AS hits
