// Fields whose roster lists $uid (to rebuild after that entity is deleted).
MATCH (f:Field)
WHERE $uid IN coalesce(f.roster_uids, [])
RETURN f.uid AS field
