"""The matchmaking workflow (供需对接跟踪): needs, introductions, who sees them, and the audit log."""
