// Full-text search over the derived bigram terms (see domain/search_text.py); every term
// must match. Terms hold only CJK characters, letters and digits, so need no escaping.
CALL db.index.fulltext.queryNodes('entity_search', reduce(q = '', t IN $terms | q + CASE q WHEN '' THEN '' ELSE ' AND ' END + t)) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN node {.*} AS entity, score
ORDER BY score DESC, node.uid
LIMIT $limit
