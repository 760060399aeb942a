// Every entity and every relationship in a single read, for `graph-service backup`. One
// query sees one state of the graph (FalkorDB holds the graph's read lock until the query
// ends), so relationships and entities belong to the same moment even while clients write;
// paging with separate queries would mix moments. Each half is collected in its own
// subquery: carrying one collected list through the other's rows costs rows x list size.
// The workflow's records (needs, introductions, the audit log, the change events) come too: nobody could make
// them again. nodes and edges count everything but the service's derived bookkeeping (the
// most-connected lists, rebuilt after a restore; the change events' clock, which the restore
// sets from the events), so a backup can tell when something else is neither an entity nor a
// workflow record.
CALL {
  MATCH (n:Entity)
  RETURN collect(n {.*}) AS entities
}
CALL {
  MATCH (a:Entity)-[r]->(b:Entity)
  RETURN collect({type: type(r), source: a.uid, target: b.uid, props: properties(r)}) AS relations
}
CALL {
  MATCH (w:TechNeed)
  RETURN collect(w {.*}) AS needs
}
CALL {
  MATCH (w:Introduction)
  RETURN collect(w {.*}) AS introductions
}
CALL {
  MATCH (w:AuditEntry)
  RETURN collect(w {.*}) AS audit
}
CALL {
  MATCH (w:ChangeEvent)
  RETURN collect(w {.*}) AS events
}
CALL {
  MATCH (x)
  WHERE NOT x:PopularList AND NOT x:ChangeClock
  RETURN count(x) AS nodes
}
CALL {
  MATCH ()-[y]->()
  RETURN count(y) AS edges
}
RETURN entities, relations, needs, introductions, audit, events, nodes, edges
