"""GraphQL slice for the programmes 科协 staff run: matchmaking events."""
