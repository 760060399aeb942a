"""The store layer: run named Cypher queries with parameters on an engine."""

from graph_service.store.protocol import GraphStore, Slots
from graph_service.store.queries import Query, QueryLibrary

__all__ = ["GraphStore", "Query", "QueryLibrary", "Slots"]
