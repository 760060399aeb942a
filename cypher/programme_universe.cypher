// Every entity of $kinds (chain segments, fields, regions: what a programme can reach),
// with its names.
MATCH (n:Entity)
WHERE n.kind IN $kinds
RETURN n.uid AS uid, n.kind AS kind, n.name AS name, n.name_en AS name_en
