// Number the change event `e` one after the last event numbered (services/workflow/events.py).
// Neo4j holds the clock's write lock until the transaction commits, so numbers follow commit
// order and a subscriber that has read number N never later finds a smaller one committed,
// whichever process wrote it; FalkorDB runs one write at a time. Small integers on purpose:
// FalkorDB's index compares numbers as doubles, so two above 2^53 that differ by less than
// their spacing (256 near 1.8e18) count as equal in `seq > $after`. The first event creates
// the clock; backups leave it out and a restore raises it to the highest restored seq
// (event_restore). FalkorDB evaluates SET clauses in a row together, from the values before
// all of them: the WITH * makes the last SET read the new number.
MERGE (clock:ChangeClock {id: 'change_events'})
SET clock._lock = true
SET clock.seq = coalesce(clock.seq, 0) + 1
WITH *
SET clock._lock = null, e.seq = clock.seq
