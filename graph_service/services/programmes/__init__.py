"""Programmes 科协 staff run, planned on the recommender's scores: matchmaking events."""
