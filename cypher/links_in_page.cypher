// A page of neighbours along {{rel}} (in) for each parent uid: one round trip per
// DataLoader batch. Neighbours in uid order after the cursor $after, filtered by kind.
UNWIND $parents AS parent
MATCH (a:Entity {uid: parent})
CALL {
  WITH a
  MATCH (a)<-[r:{{rel}}]-(b:Entity)
  WHERE b.uid > $after AND (size($kinds) = 0 OR b.kind IN $kinds)
  RETURN r, b
  ORDER BY b.uid
  LIMIT $limit
}
RETURN parent, b {.*} AS node, properties(r) AS props, startNode(r).uid AS source
