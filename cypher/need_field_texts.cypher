// The words each of $fields is known by, for reading need texts: its names and aliases,
// the titles and descriptions of at most $per_field achievements in it (best field weight
// first, then fingerprint, a content hash, then uid), and the descriptions of at most
// $per_field members of its roster (in roster order). Both are bounded, and the roster is
// already bounded, so a field of ten thousand members costs about what a small one does,
// and the choice is the same on both engines.
UNWIND $fields AS fu
MATCH (f:Entity:Field {uid: fu})
CALL {
  WITH f
  MATCH (f)<-[r:IN_FIELD]-(a:Achievement)
  WITH a, r
  ORDER BY coalesce(r.weight, 1.0) DESC, coalesce(a.fingerprint, a.uid), a.uid
  LIMIT $per_field
  RETURN collect(a.name + ' ' + coalesce(a.description, '')) AS achievements
}
CALL {
  WITH f
  WITH coalesce(f.roster_uids, []) AS members
  UNWIND range(0, size(members) - 1) AS i
  // Through a plain variable: FalkorDB does not use the uid index for members[i].
  WITH i, members[i] AS member
  MATCH (x:Entity {uid: member})
  WHERE x.description IS NOT NULL
  WITH i, x
  ORDER BY i
  LIMIT $per_field
  RETURN collect(x.description) AS descriptions
}
RETURN f.uid AS field, f.name AS name, f.name_en AS name_en, f.aliases AS aliases,
       f.description AS description, achievements, descriptions
ORDER BY field
