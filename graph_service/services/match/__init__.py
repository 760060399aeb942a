"""Matchmaking: candidates from the graph, scores and reasons in Python."""
