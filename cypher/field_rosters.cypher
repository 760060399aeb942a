// The stored rosters of $fields (null lists where none was built yet).
UNWIND $fields AS fu
MATCH (f:Entity:Field {uid: fu})
RETURN f.uid AS field, f.roster_uids AS uids, f.roster_kinds AS kinds, f.roster_weights AS weights,
       f.roster_regions AS regions
