"""Looking at the ecosystem: entities, neighbourhoods, paths, statistics."""
