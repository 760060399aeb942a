"""Plain domain objects shared by services; no engine or GraphQL imports."""
