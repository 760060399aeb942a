// A page of introductions, newest first, paged by seq as needs_page is. Empty
// filters match everything; $confidentialities hides the introductions of confidential
// needs from the roles that may not see them.
MATCH (i:Introduction)
WHERE i.seq < $before
  AND ($enterprise = '' OR i.enterprise = $enterprise)
  AND ($need = '' OR i.need = $need)
  AND ($partner = '' OR i.partner = $partner)
  AND (size($statuses) = 0 OR i.status IN $statuses)
  AND (size($confidentialities) = 0 OR i.confidentiality IN $confidentialities)
RETURN i {.*} AS introduction
ORDER BY i.seq DESC
LIMIT $limit
