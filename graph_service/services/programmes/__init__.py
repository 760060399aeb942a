"""Programmes 科协 staff run, planned from the graph on the recommender's scores."""
