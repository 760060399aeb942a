"""GraphQL slice for industry chains and their gaps."""
