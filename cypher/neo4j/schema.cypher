// Constraints and indexes the named queries rely on (Neo4j 5). The full-text index covers
// the derived bigram terms of domain/search_text.py, split on white space only.
CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_region IF NOT EXISTS FOR (n:Entity) ON (n.region);
CREATE INDEX entity_kind_region IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.region);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}
