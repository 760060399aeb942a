"""Scratch graphs for an evaluation: a training copy beside any store, or an engine of its own.

On the embedded engine the scratch graph is another graph of the same engine, deleted
afterwards (``GraphStore.scratch_graph``); a store that has none beside it (Neo4j
Community has a single database) gets a temporary embedded engine in a directory that
is removed with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from graph_service.store import GraphStore
from graph_service.store.factory import temporary_store
from graph_service.store.protocol import ScratchGraphUnsupportedError

__all__ = ["scratch_graph", "temporary_store"]


@contextmanager
def scratch_graph(store: GraphStore, suffix: str) -> Iterator[GraphStore]:
    """An empty graph for working copies of ``store``'s data, removed on exit."""
    context: AbstractContextManager[GraphStore]
    try:
        context = store.scratch_graph(suffix)
    except ScratchGraphUnsupportedError:
        context = temporary_store()
    with context as scratch:
        yield scratch
