// Record a need's top candidates at a graph version, with the event naming the new ones, in
// one statement. The WHERE is a compare-and-set on the version the sweep read: when another
// sweep recorded them first nothing is written and no row comes back, so two sweeps at once
// never write the same event twice. $events holds the one event, or none when no candidate
// is new.
MATCH (n:TechNeed {id: $id})
// Neo4j reads without locks: setting a property first takes the node's write lock (see
// need_transition), so two sweeps cannot both pass the check below.
SET n._lock = true
SET n._lock = null
WITH n
WHERE coalesce(n.candidates_version, '') = $seen AND n.status IN $statuses
SET n.candidates_seen = $uids, n.candidates_version = $version
WITH n
CALL {
  WITH n
  UNWIND $events AS event
  CREATE (e:ChangeEvent)
  SET e = event
  {{> number_event}}
  RETURN count(e) AS written
}
RETURN n.id AS id, written
