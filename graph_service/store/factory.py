"""Open the store the settings name."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph_service.config import Settings
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.neo4j import Neo4jStore
from graph_service.store.protocol import GraphStore
from graph_service.store.queries import QueryLibrary


def open_store(settings: Settings, *, attach: bool = False) -> GraphStore:
    """The embedded engine on ``settings.data_dir``, or Neo4j at ``settings.neo4j_uri``.

    ``attach`` lets a command-line tool share the engine of a running service.
    """
    store: GraphStore
    if settings.engine == "neo4j":
        store = Neo4jStore(
            settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            query_timeout_ms=settings.query_timeout_ms,
            queries=QueryLibrary(Neo4jStore.engine, settings.cypher_dir),
        )
    else:
        store = EmbeddedStore.open(
            settings.data_dir,
            graph_name=settings.graph_name,
            fsync=settings.fsync,
            query_timeout_ms=settings.query_timeout_ms,
            attach=attach,
            queries=QueryLibrary(EmbeddedStore.engine, settings.cypher_dir),
        )
    store.ensure_schema()
    return store


@contextmanager
def temporary_store() -> Iterator[GraphStore]:
    """An empty embedded store on an engine of its own, stopped and removed on exit.

    For work beside a store that has no scratch graph of its own (Neo4j), and for data
    a user brings to be evaluated apart from any graph.
    """
    with (
        tempfile.TemporaryDirectory(prefix="graph-service-eval-") as directory,
        EmbeddedStore.open(Path(directory), fsync="no") as store,
    ):
        store.ensure_schema()
        yield store
