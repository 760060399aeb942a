// The engine's raw write rate, for the import benchmark to compare against: entities
// created as they are, with no validation, fingerprint or upsert.
UNWIND $rows AS row
CREATE (n:Entity:{{kind}})
SET n = row
RETURN count(n) AS written
