// Store a trained ranker as the one RankerModel node of its key, numbering it one past
// the model it replaces, in one statement so two trainings never share a version. The
// node is bookkeeping, not an entity: no Entity label, no ties, so no entity query,
// statistic, export or search reaches it.
OPTIONAL MATCH (old:RankerModel {key: $key})
WITH coalesce(max(old.version), 0) + 1 AS next
MERGE (m:RankerModel {key: $key})
SET m.version = next, m.model = $model, m.kind = $kind, m.year = $year, m.trained_at = $trained_at,
    m.examples = $examples
RETURN m.version AS version
