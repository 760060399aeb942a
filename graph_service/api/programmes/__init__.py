"""GraphQL slices for the programmes 科协 staff run: events, service teams, partner expansion, talent, workstations."""
