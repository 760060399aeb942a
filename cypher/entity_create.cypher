// The import's bulk path: entities whose uid is new to the graph and seen once in the
// import, created without the lookup MERGE makes. The uid constraint still refuses a
// uid another writer created meanwhile; the importer then upserts that batch instead.
// Properties and timestamps as entity_upsert sets them on create.
UNWIND $rows AS row
CREATE (n:Entity:{{kind}})
SET n = row.props,
    n.kind = row.kind,
    n.created_at = row.now,
    n.updated_at = row.now,
    n.fingerprint = row.fingerprint
RETURN count(n) AS written
