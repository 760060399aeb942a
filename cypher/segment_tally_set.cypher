// Store each segment's recounted parts (JSON; null for a part not recounted), each unless
// one counted after a later ticket is there already. Each value is set before its ticket:
// Neo4j applies SET items in order, and each CASE must read the ticket as it was.
UNWIND $rows AS row
MATCH (s:Entity:ChainSegment {uid: row.segment})
WITH s, row,
     row.actors IS NOT NULL AND coalesce(s.tally_actors_ticket, 0) < row.ticket AS actors,
     row.talent IS NOT NULL AND coalesce(s.tally_talent_ticket, 0) < row.ticket AS talent
SET s.tally_actors = CASE WHEN actors THEN row.actors ELSE s.tally_actors END,
    s.tally_actors_ticket = CASE WHEN actors THEN row.ticket ELSE s.tally_actors_ticket END,
    s.tally_talent = CASE WHEN talent THEN row.talent ELSE s.tally_talent END,
    s.tally_talent_ticket = CASE WHEN talent THEN row.ticket ELSE s.tally_talent_ticket END
RETURN sum(CASE WHEN actors OR talent THEN 1 ELSE 0 END) AS written
