"""GraphQL slice for managers' edits."""
