"""GraphQL slice for ecosystem analytics."""
