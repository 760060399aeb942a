"""Shared fixtures: one real embedded engine per test session, one graph per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_service.services.access.principal import LOCAL_OPERATOR, acting_as
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection

_graph_ids = itertools.count()


@pytest.fixture(autouse=True)
def local_operator() -> Iterator[None]:
    """Services called directly act as the local operator, as the command line does.

    Requests through the app act as whoever their token names (tests/api_client.py):
    the app runs them in its own context, not in this one.
    """
    with acting_as(LOCAL_OPERATOR):
        yield


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineConnection]:
    """The real FalkorDB engine, started once for the session."""
    connection = EngineConnection(tmp_path_factory.mktemp("engine"))
    yield connection
    connection.close()


@pytest.fixture
def store(engine: EngineConnection) -> Iterator[EmbeddedStore]:
    """An empty graph of its own on the session's engine, with the schema in place."""
    graph = EmbeddedStore(engine, f"test_{next(_graph_ids)}")
    graph.clear()
    yield graph
    engine.delete_graph(graph.graph_name)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data directory for tests that start engines of their own."""
    path = tmp_path / "data"
    path.mkdir()
    return path
