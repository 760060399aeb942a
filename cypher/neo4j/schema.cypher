// Constraints and indexes the named queries rely on (Neo4j 5).
CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_region IF NOT EXISTS FOR (n:Entity) ON (n.region);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)
