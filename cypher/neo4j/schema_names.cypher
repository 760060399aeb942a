// The names of the indexes already there, read before schema.cypher so a start-up or a clear
// sends only the rules missing (each statement is a round trip, even when IF NOT EXISTS skips
// it). An index backing a constraint carries the constraint's name.
SHOW INDEXES YIELD name
RETURN name
