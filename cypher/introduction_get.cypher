// One introduction by its id (intro:…), through the Introduction id index.
MATCH (i:Introduction {id: $id})
RETURN i {.*} AS introduction
