// Organisations of $kinds that reach a segment of $segments, a field of $fields or a
// district named in $districts (by their region, a region they are LOCATED_IN, or the
// region of their park), one row per item reached.
UNWIND $segments AS item
MATCH (:Entity {uid: item})<-[:IN_SEGMENT]-(o:Entity)
WHERE o.kind IN $kinds
RETURN o.uid AS uid, 'segment' AS reach, item
UNION
UNWIND $fields AS item
MATCH (:Entity {uid: item})<-[:IN_FIELD]-(o:Entity)
WHERE o.kind IN $kinds
RETURN o.uid AS uid, 'field' AS reach, item
UNION
UNWIND $districts AS item
MATCH (o:Entity)
WHERE o.region = item AND o.kind IN $kinds
RETURN o.uid AS uid, 'district' AS reach, item
UNION
UNWIND $districts AS item
MATCH (r:Entity {name: item})<-[:LOCATED_IN]-(o:Entity)
WHERE r:Region AND o.kind IN $kinds
RETURN o.uid AS uid, 'district' AS reach, item
UNION
UNWIND $districts AS item
MATCH (r:Entity {name: item})<-[:LOCATED_IN]-(:Park)<-[:LOCATED_IN]-(o:Entity)
WHERE r:Region AND o.kind IN $kinds
RETURN o.uid AS uid, 'district' AS reach, item
