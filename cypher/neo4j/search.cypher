// Full-text search over the derived terms (see domain/search_text.py): every term must
// match, or with $any at least one. Terms hold only CJK characters, letters and digits,
// so need no escaping. Real records come before synthetic ones, so a demo's synthetic
// crowd never pushes a real record past $limit.
CALL db.index.fulltext.queryNodes('entity_search', reduce(q = '', t IN $terms | q + CASE q WHEN '' THEN '' ELSE CASE WHEN $any THEN ' OR ' ELSE ' AND ' END END + t)) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN node {.*} AS entity, score
ORDER BY coalesce(node.synthetic, false), score DESC, node.uid
LIMIT $limit
