// Indexes the named queries rely on (FalkorDB: unnamed, no IF NOT EXISTS; a repeat
// answers "already indexed", which the adapter accepts). The full-text index covers the
// derived bigram terms of domain/search_text.py. The workflow's records (TechNeed,
// Introduction, AuditEntry, ChangeEvent) are found by id and paged by seq (an integer: FalkorDB answers
// a range on an indexed string wrongly), needs also by status and enterprise. The one ChangeClock numbers events (fragments/number_event).
CREATE INDEX FOR (n:Entity) ON (n.uid);
CREATE INDEX FOR (n:Entity) ON (n.kind);
CREATE INDEX FOR (n:Entity) ON (n.region);
CREATE INDEX FOR (n:Entity) ON (n.name);
CREATE INDEX FOR (n:TechNeed) ON (n.id);
CREATE INDEX FOR (n:TechNeed) ON (n.seq);
CREATE INDEX FOR (n:TechNeed) ON (n.status);
CREATE INDEX FOR (n:TechNeed) ON (n.enterprise);
CREATE INDEX FOR (n:Introduction) ON (n.id);
CREATE INDEX FOR (n:Introduction) ON (n.seq);
CREATE INDEX FOR (n:Introduction) ON (n.enterprise);
CREATE INDEX FOR (n:Introduction) ON (n.need);
CREATE INDEX FOR (n:AuditEntry) ON (n.id);
CREATE INDEX FOR (n:AuditEntry) ON (n.seq);
CREATE INDEX FOR (n:ChangeEvent) ON (n.id);
CREATE INDEX FOR (n:ChangeEvent) ON (n.seq);
CREATE INDEX FOR (n:ChangeClock) ON (n.id);
CALL db.idx.fulltext.createNodeIndex({label: 'Entity', stopwords: []}, 'search_text')
