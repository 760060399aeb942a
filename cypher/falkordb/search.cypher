// Full-text search over the derived terms (see domain/search_text.py): every term must
// match, or with $any at least one. FalkorDB's full-text syntax takes space-separated
// terms as AND and '|'-separated ones as OR. Real records come before synthetic ones,
// so a demo's synthetic crowd never pushes a real record past $limit.
// The index yields the best scores first, and lazily: only the first $window matches are
// ordered, and only the $limit kept are read whole, so a fragment common to half a million
// names costs what a rare one does (at a million entities 科技 took 544 ms ordered whole).
// A real record past the first $window matches of a synthetic crowd can be missed.
CALL db.idx.fulltext.queryNodes('Entity', reduce(q = '', t IN $terms | q + CASE q WHEN '' THEN '' ELSE CASE WHEN $any THEN '|' ELSE ' ' END END + t)) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
WITH node, score
LIMIT $window
WITH node, score
ORDER BY coalesce(node.synthetic, false), score DESC, node.uid
LIMIT $limit
RETURN node {.*} AS entity, score
