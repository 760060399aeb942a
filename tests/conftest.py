"""Shared fixtures: one real embedded engine per test session, one graph per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest

from graph_service.services.access.principal import LOCAL_OPERATOR, acting_as
from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection
from tests.local_neo4j import Neo4jServer, local_neo4j
from tests.prerequisites import require_local_neo4j

_graph_ids = itertools.count()


@pytest.fixture(autouse=True)
def local_operator() -> Iterator[None]:
    """Services called directly act as the local operator, as the command line does.

    Requests through the app act as whoever their token names (tests/api_client.py):
    the app runs them in its own context, not in this one.
    """
    with acting_as(LOCAL_OPERATOR):
        yield


@pytest.fixture(scope="module", autouse=True)
def module_local_operator() -> Iterator[None]:
    """The same for a module's shared fixtures, which build their graphs outside any one test."""
    with acting_as(LOCAL_OPERATOR):
        yield


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineConnection]:
    """The real FalkorDB engine, started once for the session."""
    connection = EngineConnection(tmp_path_factory.mktemp("engine"))
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A real Neo4j for the session: NEO4J_URI when set, else the project's own (tools/neo4j)."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jServer(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
        return
    require_local_neo4j()
    with local_neo4j(tmp_path_factory.mktemp("neo4j")) as server:
        yield server


BOTH_ENGINES = "both_engines"
ENGINES = ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)]
# Neo4j Community holds one database: the module whose shared store holds it now, if any.
_neo4j_held_by: list[str] = []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module or test marked ``both_engines`` runs its ``store`` (or ``module_store``) tests on
    FalkorDB and on Neo4j."""
    if not metafunc.definition.get_closest_marker(BOTH_ENGINES):
        return
    wanted = [name for name in ("store", "module_store") if name in metafunc.fixturenames]
    if len(wanted) > 1:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: one test uses one store, store or module_store")
    if wanted:
        scope: Literal["module", "function"] = "module" if wanted[0] == "module_store" else "function"
        metafunc.parametrize(wanted[0], ENGINES, indirect=True, scope=scope)


def _neo4j_store(request: pytest.FixtureRequest) -> GraphStore:
    from graph_service.store.neo4j import Neo4jStore

    server: Neo4jServer = request.getfixturevalue("neo4j_server")
    neo4j = Neo4jStore(server.uri, user=server.user, password=server.password, database=server.database)
    neo4j.clear()
    return neo4j


@pytest.fixture
def store(request: pytest.FixtureRequest, engine: EngineConnection) -> Iterator[GraphStore]:
    """An empty graph of its own, with the schema in place: on the session's FalkorDB engine,
    or on the session's Neo4j where the test is parametrised so (``both_engines``)."""
    if getattr(request, "param", "falkordb") == "neo4j":
        # Clearing the one database under a module's shared store would empty it mid-module.
        assert not _neo4j_held_by, f"Neo4j holds the shared store of {_neo4j_held_by[0]}"
        neo4j = _neo4j_store(request)
        yield neo4j
        neo4j.close()  # not cleared: the next store clears it as it starts (_neo4j_store)
        return
    graph = EmbeddedStore(engine, f"test_{next(_graph_ids)}")
    graph.clear()
    yield graph
    engine.delete_graph(graph.graph_name)


@pytest.fixture(scope="module")
def module_store(request: pytest.FixtureRequest, engine: EngineConnection) -> Iterator[GraphStore]:
    """An empty graph shared by a module's tests (a demo loaded once), on either engine like ``store``.

    Its tests may add to it but must not depend on each other's additions.
    """
    if getattr(request, "param", "falkordb") == "neo4j":
        neo4j = _neo4j_store(request)
        _neo4j_held_by.append(request.module.__name__)
        try:
            yield neo4j
        finally:
            _neo4j_held_by.clear()
            neo4j.close()
        return
    graph = EmbeddedStore(engine, f"module_{next(_graph_ids)}")
    graph.clear()
    yield graph
    engine.delete_graph(graph.graph_name)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data directory for tests that start engines of their own."""
    path = tmp_path / "data"
    path.mkdir()
    return path
