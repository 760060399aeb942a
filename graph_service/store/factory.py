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
from graph_service.store.replicated.connection import ReplicatedConnection, ReplicationOptions


def open_store(settings: Settings, *, attach: bool = False) -> GraphStore:
    """The embedded engine on ``settings.data_dir``, the replicated one behind ``settings.sentinels``,
    or Neo4j at ``settings.neo4j_uri``.

    ``attach`` lets a command-line tool share the engine of a running service (a replicated
    engine is always shared: it runs apart from the service).
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
    elif settings.sentinels:
        connection = ReplicatedConnection(replication_options(settings), query_timeout_ms=settings.query_timeout_ms)
        store = EmbeddedStore(
            connection,
            settings.graph_name,
            queries=QueryLibrary(EmbeddedStore.engine, settings.cypher_dir),
            owns_connection=True,
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


def replication_options(settings: Settings) -> ReplicationOptions:
    """How to reach the replicated engine the settings name."""
    return ReplicationOptions(
        sentinels=settings.sentinel_addresses,
        service=settings.sentinel_service,
        username=settings.engine_user or None,
        password=settings.engine_password or None,
        sentinel_username=settings.sentinel_user or None,
        sentinel_password=settings.sentinel_password or None,
        tls=settings.engine_tls,
        tls_ca=settings.engine_tls_ca,
        tls_cert=settings.engine_tls_cert,
        tls_key=settings.engine_tls_key,
        replica_acks=settings.replica_acks,
        ack_timeout_ms=settings.replica_ack_timeout_ms,
        retry_ms=settings.failover_retry_ms,
    )


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
