"""HTTP infrastructure beside the GraphQL slices: middleware, error bodies, health, metrics, workers."""
