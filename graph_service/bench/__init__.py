"""Benchmarks that print numbers (never tests): latency over HTTP beside raw engine time."""
