// Store each kind's most connected entities as one PopularList node per kind: parallel
// lists of uids, regions ('' where none: lists hold no nulls) and degrees, most first.
// Bookkeeping, not an entity: no Entity label, no ties, so no entity query, statistic,
// export or search reaches it.
UNWIND $rows AS row
MERGE (p:PopularList {kind: row.kind})
SET p.uids = row.uids, p.regions = row.regions, p.degrees = row.degrees
RETURN count(p) AS written
