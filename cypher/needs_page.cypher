// A page of technology needs, newest first: $before is the last seq of the previous page
// (an integer that grows with time; a range on it is answered from its index, where
// FalkorDB 4.16 ignores a range on an indexed string such as the id). An empty filter
// matches everything: $enterprise '' any enterprise, an empty list any status,
// confidentiality, region or field. A need is in a region when it prefers the region or its
// enterprise sits there; it is in a chain when one of its fields is in $fields (the fields
// the chain's segments require, with the narrower ones under them).
MATCH (n:TechNeed)
WHERE n.seq < $before
  AND ($enterprise = '' OR n.enterprise = $enterprise)
  AND (size($statuses) = 0 OR n.status IN $statuses)
  AND (size($confidentialities) = 0 OR n.confidentiality IN $confidentialities)
  AND (size($regions) = 0 OR n.region IN $regions OR n.enterprise_region IN $regions)
  AND (size($fields) = 0 OR any(f IN n.fields WHERE f IN $fields))
RETURN n {.*} AS need
ORDER BY n.seq DESC
LIMIT $limit
