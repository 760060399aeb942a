// Upsert entities of one kind by uid. Properties given replace those stored; properties
// not given are kept. updated_at moves only when the record's fingerprint changes, so
// re-importing the same file changes nothing. Both labels sit in the MERGE pattern:
// adding a label with SET afterwards is ten times slower on FalkorDB. Callers check
// beforehand that an existing uid has the same kind.
UNWIND $rows AS row
MERGE (n:Entity:{{kind}} {uid: row.uid})
ON CREATE SET n.created_at = row.now
SET n += row.props,
    n.kind = row.kind,
    n.updated_at = CASE WHEN n.fingerprint = row.fingerprint THEN n.updated_at ELSE row.now END,
    n.fingerprint = row.fingerprint
RETURN count(n) AS written
