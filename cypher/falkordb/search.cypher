// Full-text search over the derived bigram terms (see domain/search_text.py); every term
// must match. FalkorDB's full-text syntax takes space-separated terms as AND.
CALL db.idx.fulltext.queryNodes('Entity', reduce(q = '', t IN $terms | q + ' ' + t)) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN node {.*} AS entity, score
ORDER BY score DESC, node.uid
LIMIT $limit
