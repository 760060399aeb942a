// The enterprises of a segment (in $regions when given), for a gap report that lists them.
MATCH (:Entity:ChainSegment {uid: $segment})<-[:IN_SEGMENT]-(e:Enterprise)
WHERE size($regions) = 0 OR e.region IN $regions
RETURN DISTINCT e.uid AS uid
ORDER BY uid
