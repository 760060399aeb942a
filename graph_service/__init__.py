"""Ecosystem Graph (创新生态图谱): the graph of a regional innovation ecosystem, served over GraphQL."""

__version__ = "0.1.0"
