// Propose an introduction together with its audit entry and change event, in one statement (see
// need_create); $docking holds the move of its need into docking (need_transition's parameters
// in one map: id, from, changes, step, audit, event) when the need was open, else nothing.
// The need moves only if it is still in `from` (compare-and-set, its write lock taken first as
// in need_transition), so a need withdrawn meanwhile stays withdrawn; either way the
// introduction and the need's move commit together or not at all.
CREATE (i:Introduction)
SET i = $introduction
CREATE (a:AuditEntry)
SET a = $audit
CREATE (e:ChangeEvent)
SET e = $event
{{> number_event}}
WITH i
CALL {
  WITH i
  UNWIND $docking AS move
  MATCH (n:TechNeed {id: move.id})
  SET n._lock = true
  SET n._lock = null
  WITH n, move
  WHERE n.status = move.from
  SET n += move.changes, n.history = n.history + [move.step]
  CREATE (a:AuditEntry)
  SET a = move.audit
  CREATE (e:ChangeEvent)
  SET e = move.event
  {{> number_event}}
  RETURN count(n) AS docked
}
RETURN i {.*} AS introduction, docked
