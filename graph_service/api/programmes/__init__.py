"""GraphQL slice for the programmes 科协 staff run (issue 19)."""
