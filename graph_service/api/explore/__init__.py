"""GraphQL slice for exploring entities."""
