// Needs still in $statuses whose deadline (an ISO date) is before $today, for the expiry sweep.
MATCH (n:TechNeed)
WHERE n.status IN $statuses AND n.deadline < $today
RETURN n.id AS id, n.status AS status
ORDER BY id
