// Propose an introduction together with its audit entry and change event, in one statement (see need_create).
CREATE (i:Introduction)
SET i = $introduction
CREATE (a:AuditEntry)
SET a = $audit
CREATE (e:ChangeEvent)
SET e = $event
{{> number_event}}
RETURN i {.*} AS introduction
