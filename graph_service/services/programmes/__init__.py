"""Programmes 科协 staff run, planned from the graph (issue 19)."""
