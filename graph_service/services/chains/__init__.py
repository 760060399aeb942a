"""Industry chains: segments, gaps and transfer chains."""
