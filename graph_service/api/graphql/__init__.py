"""GraphQL infrastructure the slices share: context, loaders, cursors, limits, cost, errors, auth."""
