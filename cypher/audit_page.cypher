// A page of the audit log, newest first, optionally of one record; $before is the last seq
// of the previous page (see needs_page), an index range on both engines.
MATCH (a:AuditEntry)
WHERE a.seq < $before AND ($record = '' OR a.record = $record)
RETURN a {.*} AS entry
ORDER BY a.seq DESC
LIMIT $limit
