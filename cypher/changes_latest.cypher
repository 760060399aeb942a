// The latest change events, newest first, for a feed read without a cursor: filtered as
// changes_page filters them.
MATCH (e:ChangeEvent)
WHERE e.seq > 0
  AND ($enterprise = '' OR e.enterprise = $enterprise)
  AND (size($confidentialities) = 0 OR e.confidentiality IN $confidentialities)
RETURN e {.*} AS event
ORDER BY e.seq DESC
LIMIT $limit
