// Indexes the named queries rely on (FalkorDB: unnamed, no IF NOT EXISTS; a repeat
// answers "already indexed", which the adapter accepts).
CREATE INDEX FOR (n:Entity) ON (n.uid);
CREATE INDEX FOR (n:Entity) ON (n.kind);
CREATE INDEX FOR (n:Entity) ON (n.region);
CREATE INDEX FOR (n:Entity) ON (n.name)
