// Post a technology need together with its audit entry and change event, in one statement:
// no need exists without the entry that logs it and the event that announces it. Both are bookkeeping nodes (ontology/bookkeeping.py): no
// Entity label and no ties, so entity listings, statistics, exports and search never see them.
CREATE (n:TechNeed)
SET n = $need
CREATE (a:AuditEntry)
SET a = $audit
CREATE (e:ChangeEvent)
SET e = $event
{{> number_event}}
RETURN n {.*} AS need
