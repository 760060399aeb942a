// A few entities with their search terms, to tell whether the stored terms were derived
// the way this version derives them (a change of derivation re-derives them all). Any
// few will do: the first of a label scan, not a sort of the whole graph.
MATCH (n:Entity)
WHERE n.search_text IS NOT NULL
RETURN n.uid AS uid, n.name AS name, n.name_en AS name_en, n.aliases AS aliases, n.search_text AS search_text
LIMIT $limit
