// The change events after $after, oldest first, for the `changes` query and the feeds
// (services/workflow/events.py): $after is the last seq a subscriber read (an integer: an
// index range on both engines). An empty filter matches everything: $enterprise '' any
// enterprise, an empty list any confidentiality.
MATCH (e:ChangeEvent)
WHERE e.seq > $after
  AND ($enterprise = '' OR e.enterprise = $enterprise)
  AND (size($confidentialities) = 0 OR e.confidentiality IN $confidentialities)
RETURN e {.*} AS event
ORDER BY e.seq
LIMIT $limit
