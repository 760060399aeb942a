"""Ad-hoc Cypher for tests that check an answer against a direct count, on either engine.

The product sends only the named queries of cypher/; a test's independent count is the
one place a literal query is the point.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore


def read_raw(store: GraphStore, text: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    if isinstance(store, EmbeddedStore):
        return store.connection.run(store.graph_name, text, params, read_only=True)
    from neo4j import RoutingControl

    from graph_service.store.neo4j import Neo4jStore

    assert isinstance(store, Neo4jStore), type(store)
    return store._run(text, params, RoutingControl.READ)


def write_raw(store: GraphStore, text: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    if isinstance(store, EmbeddedStore):
        return store._run(text, params, read_only=False)
    from neo4j import RoutingControl

    from graph_service.store.neo4j import Neo4jStore

    assert isinstance(store, Neo4jStore), type(store)
    return store._run(text, params, RoutingControl.WRITE)
