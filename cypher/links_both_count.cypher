// How many neighbours along {{rel}} (both) each parent uid has, filtered by kind.
UNWIND $parents AS parent
MATCH (a:Entity {uid: parent})
OPTIONAL MATCH (a)-[r:{{rel}}]-(b:Entity)
WHERE size($kinds) = 0 OR b.kind IN $kinds
RETURN parent, count(b) AS total
