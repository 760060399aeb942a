// Agree an introduction and write the relationship it leads to, in one statement: the
// introduction moves only if it is still in $from (compare-and-set), and the relationship is
// MERGEd, so a re-sent or concurrent agreement never writes a second one and one that
// exists already keeps its properties. Both ends must still exist, or nothing is written.
MATCH (i:Introduction {id: $id})
// Neo4j reads without locks (read committed): setting a property first takes the node's write
// lock, so the status check below sees the last committed move and two concurrent moves
// cannot both pass it. The property is removed at once (FalkorDB runs one write at a time).
SET i._lock = true
SET i._lock = null
WITH i
WHERE i.status = $from
MATCH (a:Entity {uid: $source})
MATCH (b:Entity {uid: $target})
MERGE (a)-[r:{{rel}}]->(b)
ON CREATE SET r = $props
SET i += $changes, i.history = i.history + [$step]
CREATE (entry:AuditEntry)
SET entry = $audit
CREATE (e:ChangeEvent)
SET e = $event
{{> number_event}}
RETURN i {.*} AS introduction
