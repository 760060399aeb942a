// The members of {{kind}} working in each of $fields (IN_FIELD), one list per field: the
// experts who could serve a service team's needs. Lists per field, not a row per expert:
// at 40,000 scientists the rows (and a kind filter on a property) cost fifty times more.
UNWIND $fields AS fu
MATCH (f:Entity {uid: fu})<-[:IN_FIELD]-(x:{{kind}})
RETURN fu AS field, collect(x.uid) AS members
