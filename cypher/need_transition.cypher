// Move a need from $from to another status, append the step to its history and log it, in
// one statement. The WHERE is a compare-and-set: when another request moved the need first
// nothing is written and no row comes back, and the service reads the need again to say why.
MATCH (n:TechNeed {id: $id})
// Neo4j reads without locks (read committed): setting a property first takes the node's write
// lock, so the status check below sees the last committed move and two concurrent moves
// cannot both pass it. The property is removed at once (FalkorDB runs one write at a time).
SET n._lock = true
SET n._lock = null
WITH n
WHERE n.status = $from
SET n += $changes, n.history = n.history + [$step]
CREATE (a:AuditEntry)
SET a = $audit
CREATE (e:ChangeEvent)
SET e = $event
{{> number_event}}
RETURN n {.*} AS need
