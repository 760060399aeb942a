// The stored ranker of a key (its version and its JSON), or no row while none is trained.
MATCH (m:RankerModel {key: $key})
RETURN m.version AS version, m.model AS model
