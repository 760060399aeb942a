"""Measure recommendation quality on held-out partnerships against baselines."""
