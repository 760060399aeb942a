// One technology need by its id (need:…), through the TechNeed id index.
MATCH (n:TechNeed {id: $id})
RETURN n {.*} AS need
