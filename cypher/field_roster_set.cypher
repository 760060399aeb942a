// Store each field's roster as three parallel lists: member uids, their kinds and weights,
// grouped by kind and best first within a kind.
UNWIND $rows AS row
MATCH (f:Entity:Field {uid: row.field})
SET f.roster_uids = row.uids, f.roster_kinds = row.kinds, f.roster_weights = row.weights
RETURN count(f) AS written
