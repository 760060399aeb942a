"""The GraphQL API and HTTP endpoints."""
