// Edit an open or docking need's own fields, append the step to its history and log it, in
// one statement (services/workflow/need_edits.py). The WHERE is a compare-and-set on the
// status read before it: a need moved meanwhile is left alone and no row comes back, and an
// edit never sets the status, so it cannot undo a move. The candidates the sweep recorded
// are kept (only new ones are announced) but their version is dropped, so the next sweep
// ranks the edited need again.
MATCH (n:TechNeed {id: $id})
// Neo4j reads without locks: the write lock first, as in need_transition.
SET n._lock = true
SET n._lock = null
WITH n
WHERE n.status = $from
SET n += $changes, n.history = n.history + [$step], n.candidates_version = null
CREATE (a:AuditEntry)
SET a = $audit
CREATE (e:ChangeEvent)
SET e = $event
{{> number_event}}
RETURN n {.*} AS need
