// Every chain segment with its stored tally, for recounting every tally after a bulk write
// (or where a graph built by an earlier version has none).
MATCH (s:Entity:ChainSegment)
RETURN s.uid AS uid, s.tally_actors AS tally_actors, s.tally_talent AS tally_talent
ORDER BY uid
