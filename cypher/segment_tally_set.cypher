// Store each segment's tally (JSON) unless one counted after a later ticket is there already.
UNWIND $rows AS row
MATCH (s:Entity:ChainSegment {uid: row.segment})
WHERE coalesce(s.tally_ticket, 0) < row.ticket
SET s.tally = row.tally, s.tally_ticket = row.ticket
RETURN count(s) AS written
