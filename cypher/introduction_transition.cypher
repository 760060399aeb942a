// Move an introduction from $from to another status, with its history step, audit
// entry and change event, in one compare-and-set statement (see need_transition).
MATCH (i:Introduction {id: $id})
// Neo4j reads without locks (read committed): setting a property first takes the node's write
// lock, so the status check below sees the last committed move and two concurrent moves
// cannot both pass it. The property is removed at once (FalkorDB runs one write at a time).
SET i._lock = true
SET i._lock = null
WITH i
WHERE i.status = $from
SET i += $changes, i.history = i.history + [$step]
CREATE (a:AuditEntry)
SET a = $audit
CREATE (e:ChangeEvent)
SET e = $event
{{> number_event}}
RETURN i {.*} AS introduction
