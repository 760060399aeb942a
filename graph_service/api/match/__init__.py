"""GraphQL slice for partner and team recommendations."""
