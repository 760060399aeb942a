// Indexes the named queries rely on (FalkorDB: unnamed, no IF NOT EXISTS; a repeat
// answers "already indexed", which the adapter accepts). The full-text index covers the
// derived bigram terms of domain/search_text.py.
CREATE INDEX FOR (n:Entity) ON (n.uid);
CREATE INDEX FOR (n:Entity) ON (n.kind);
CREATE INDEX FOR (n:Entity) ON (n.region);
CREATE INDEX FOR (n:Entity) ON (n.name);
CALL db.idx.fulltext.createNodeIndex({label: 'Entity', stopwords: []}, 'search_text')
