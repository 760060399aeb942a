// Propose an introduction together with its audit entry, in one statement (see need_create).
CREATE (i:Introduction)
SET i = $introduction
CREATE (a:AuditEntry)
SET a = $audit
RETURN i {.*} AS introduction
