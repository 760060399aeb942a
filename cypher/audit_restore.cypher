// Restore AuditEntry records from a backup by id, every stored property as it was (ops/restore.py).
UNWIND $rows AS row
MERGE (n:AuditEntry {id: row.id})
SET n = row.props
RETURN count(n) AS written
