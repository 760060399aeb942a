"""The production engine: Neo4j 5 through the official driver."""

from graph_service.store.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
