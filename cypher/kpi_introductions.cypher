// The dates a workflow KPI counts for each introduction that can have an event in
// [$start, $end): proposed (created_at), agreed and declined (read from the history steps
// inside the engine, as kpi_needs reads a need's), and the decline reason. An introduction
// is in a region when its need is (the need's region preference or its enterprise's region
// when posted) or, without a need, when its enterprise is now. $programme '' matches every
// programme; an empty $regions or $confidentialities matches everything.
MATCH (i:Introduction)
WHERE i.updated_at >= $start AND i.created_at < $end
  AND ($programme = '' OR i.programme = $programme)
  AND (size($confidentialities) = 0 OR i.confidentiality IN $confidentialities)
OPTIONAL MATCH (n:TechNeed {id: i.need})
OPTIONAL MATCH (e:Entity {uid: i.enterprise})
WITH i, n, e
WHERE size($regions) = 0
   OR n.region IN $regions OR n.enterprise_region IN $regions
   OR (n IS NULL AND e.region IN $regions)
WITH i, [s IN i.history | [split(split(s, '"to": "')[1], '"')[0], split(split(s, '"at": "')[1], '"')[0]]] AS steps
RETURN i.created_at AS proposed,
       head([s IN steps WHERE s[0] = 'agreed' | s[1]]) AS agreed,
       head([s IN steps WHERE s[0] = 'declined' | s[1]]) AS declined,
       i.decline_reason AS reason
