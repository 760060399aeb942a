"""Pages the service serves itself: GraphiQL and (later) the explorer. No CDN: assets are vendored."""
