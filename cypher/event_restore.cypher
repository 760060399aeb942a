// Restore ChangeEvent records from a backup by id, every stored property as it was (ops/restore.py),
// and raise the event clock (fragments/number_event) to the highest restored seq, so events
// written after the restore sort after every restored one.
UNWIND $rows AS row
MERGE (n:ChangeEvent {id: row.id})
SET n = row.props
WITH count(n) AS written, max(n.seq) AS top
MERGE (clock:ChangeClock {id: 'change_events'})
SET clock.seq = CASE WHEN clock.seq IS NULL OR clock.seq < top THEN top ELSE clock.seq END
RETURN written
