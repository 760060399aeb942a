// Needs in $statuses whose watched candidates were last computed at another graph version
// than $version (or never), for the sweep (services/workflow/sweep.py).
MATCH (n:TechNeed)
WHERE n.status IN $statuses AND coalesce(n.candidates_version, '') <> $version
RETURN n {.*} AS need
ORDER BY n.seq
