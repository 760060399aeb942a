// Store each field's roster as four parallel lists: member uids, their kinds, weights and
// regions, grouped by kind and best first within a kind.
UNWIND $rows AS row
MATCH (f:Entity:Field {uid: row.field})
SET f.roster_uids = row.uids, f.roster_kinds = row.kinds, f.roster_weights = row.weights,
    f.roster_regions = row.regions
RETURN count(f) AS written
