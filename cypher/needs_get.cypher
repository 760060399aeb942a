// Technology needs by their ids in one round trip (a page of introductions with their
// needs), through the TechNeed id index; missing ids give no row.
UNWIND $ids AS id
MATCH (n:TechNeed {id: id})
RETURN n {.*} AS need
