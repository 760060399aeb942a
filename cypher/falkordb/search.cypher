// Full-text search over the derived terms (see domain/search_text.py): every term must
// match, or with $any at least one. FalkorDB's full-text syntax takes space-separated
// terms as AND and '|'-separated ones as OR. Real records come before synthetic ones,
// so a demo's synthetic crowd never pushes a real record past $limit.
CALL db.idx.fulltext.queryNodes('Entity', reduce(q = '', t IN $terms | q + CASE q WHEN '' THEN '' ELSE CASE WHEN $any THEN '|' ELSE ' ' END END + t)) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN node {.*} AS entity, score
ORDER BY coalesce(node.synthetic, false), score DESC, node.uid
LIMIT $limit
