// How many workflow records the graph holds, by label: what a restore compares with its backup.
CALL {
  MATCH (n:TechNeed)
  RETURN count(n) AS needs
}
CALL {
  MATCH (i:Introduction)
  RETURN count(i) AS introductions
}
CALL {
  MATCH (a:AuditEntry)
  RETURN count(a) AS audit
}
CALL {
  MATCH (e:ChangeEvent)
  RETURN count(e) AS events
}
RETURN needs, introductions, audit, events
