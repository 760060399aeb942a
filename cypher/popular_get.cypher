// The stored most-connected lists of $kinds (kinds never listed are absent).
UNWIND $kinds AS k
MATCH (p:PopularList {kind: k})
RETURN p.kind AS kind, p.uids AS uids, p.regions AS regions, p.degrees AS degrees
