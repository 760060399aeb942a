// Restore ChangeEvent records from a backup by id, every stored property as it was (ops/restore.py).
UNWIND $rows AS row
MERGE (n:ChangeEvent {id: row.id})
SET n = row.props
RETURN count(n) AS written
