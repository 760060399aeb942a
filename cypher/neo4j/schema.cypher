// Constraints and indexes the named queries rely on (Neo4j 5). The full-text index covers
// the derived bigram terms of domain/search_text.py, split on white space only. The
// workflow's records (TechNeed, Introduction, AuditEntry, ChangeEvent) are unique by id, paged by seq.
CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_region IF NOT EXISTS FOR (n:Entity) ON (n.region);
CREATE INDEX entity_kind_region IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.region);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE CONSTRAINT tech_need_id IF NOT EXISTS FOR (n:TechNeed) REQUIRE n.id IS UNIQUE;
CREATE INDEX tech_need_seq IF NOT EXISTS FOR (n:TechNeed) ON (n.seq);
CREATE INDEX tech_need_status IF NOT EXISTS FOR (n:TechNeed) ON (n.status);
CREATE INDEX tech_need_enterprise IF NOT EXISTS FOR (n:TechNeed) ON (n.enterprise);
CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE;
CREATE INDEX introduction_seq IF NOT EXISTS FOR (n:Introduction) ON (n.seq);
CREATE INDEX introduction_enterprise IF NOT EXISTS FOR (n:Introduction) ON (n.enterprise);
CREATE INDEX introduction_need IF NOT EXISTS FOR (n:Introduction) ON (n.need);
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_entry_seq IF NOT EXISTS FOR (n:AuditEntry) ON (n.seq);
CREATE CONSTRAINT change_event_id IF NOT EXISTS FOR (n:ChangeEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX change_event_seq IF NOT EXISTS FOR (n:ChangeEvent) ON (n.seq);
// Unique, so two first events at once cannot MERGE two clocks (fragments/number_event).
CREATE CONSTRAINT change_clock_id IF NOT EXISTS FOR (n:ChangeClock) REQUIRE n.id IS UNIQUE;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.search_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}
