// Take the next tally ticket of each of $segments. A write, so tickets follow one another
// (FalkorDB runs one write at a time; Neo4j holds the segment's lock until commit): the
// counts read after a later ticket include every write made before an earlier one.
UNWIND $segments AS seg
MATCH (s:Entity:ChainSegment {uid: seg})
SET s.tally_tickets = coalesce(s.tally_tickets, 0) + 1
RETURN s.uid AS segment, s.tally_tickets AS ticket
