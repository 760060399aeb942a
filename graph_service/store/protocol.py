"""The one port every engine adapter implements.

Services speak only to a ``GraphStore``. A query is named by its file in ``cypher/``
(without ``.cypher``); values travel only as parameters; the few labels and relationship
types a template leaves open (``{{kind}}``, ``{{rel}}``) are filled from ``slots`` with
ontology members, never with request strings.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self

from graph_service.errors import StoreError
from graph_service.ontology import EntityKind, RelationType

Slots = Mapping[str, EntityKind | RelationType]
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class WriteBatch:
    """One UNWIND write: a named query run with ``rows`` as ``$rows``.

    ``on_duplicate`` names the query to run the same rows with instead when the first
    would give two entities one uid (a create whose uid another writer made meanwhile).
    """

    query: str
    rows: list[Mapping[str, Any]]
    slots: Slots | None = None
    on_duplicate: str | None = None


class ScratchGraphUnsupportedError(StoreError):
    """The engine holds no graph beside this store's one (Neo4j Community has one database)."""


class GraphStore(Protocol):
    """A graph engine that runs the project's named queries.

    ``read`` may be routed to a replica; ``write`` goes to the leader and is acknowledged
    only when durable by the engine's policy. Both return rows as plain dicts. Every
    query is atomic; a failed write leaves nothing of itself behind.
    """

    engine: str

    @property
    def graph_name(self) -> str:
        """The name of this store's graph (on Neo4j, its database); caches key their entries by it."""
        ...

    @property
    def round_trips(self) -> int:
        """How many queries this store has sent (tests bound it per request)."""
        ...

    def read(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        """Run a read-only named query and return its rows."""
        ...

    def write(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        """Run a writing named query and return its rows."""
        ...

    def write_records(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a writing named query that changes only the service's own records (needs,
        introductions, the audit log), never an entity or a tie; ``version()`` stays, so
        results derived from entities stay cached."""
        ...

    def write_batches(
        self,
        name: str,
        rows: Iterable[Mapping[str, Any]],
        *,
        key: Callable[[Mapping[str, Any]], Hashable],
        slots: Slots | None = None,
        batch_size: int = 2000,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Write ``rows`` as ``$rows`` in UNWIND batches, one row per ``key`` per batch.

        Returns the number of rows sent. A later row with the same key replaces an
        earlier one in the same batch, so the outcome is the same on every engine.
        """
        ...

    def write_all(self, batches: Iterable[WriteBatch], *, progress: Callable[[int], None] | None = None) -> int:
        """Run each batch in order; returns the number of rows sent.

        A store may prepare the next batch while the engine runs the current one; a
        failure stops at the failed batch, and every batch before it has been written.
        """
        ...

    def ensure_schema(self) -> None:
        """Create the indexes and constraints the queries rely on (idempotent)."""
        ...

    def clear(self) -> None:
        """Delete every node and relationship of this store's graph."""
        ...

    def compact(self) -> None:
        """After a bulk load: let the engine compact its write log (no-op where there is none)."""
        ...

    def version(self) -> str:
        """A token that changes whenever this graph is written, for every process using it.

        Caches of derived results (analytics, chain reports) compare it; it must cost
        about one round trip whatever the graph's size.
        """
        ...

    def ping(self) -> bool:
        """True when the engine answers."""
        ...

    def engine_info(self) -> dict[str, Any]:
        """What the engine reports about itself for metrics: its name, the graph and, where known, memory."""
        ...

    def bookmarks(self) -> tuple[str, ...]:
        """Opaque tokens for the state this store has written or read; empty where reads never lag.

        Another process hands them to its ``catch_up`` to read what this one wrote (Neo4j
        clusters route reads to followers; the embedded engine has one state).
        """
        ...

    def catch_up(self, bookmarks: Iterable[str]) -> None:
        """Return once this store's reads see at least the state ``bookmarks`` name (no-op without lag)."""
        ...

    def exists(self) -> bool:
        """Whether this store's graph exists yet (a read of a missing graph is an error on FalkorDB)."""
        ...

    def sibling(self, suffix: str) -> GraphStore | None:
        """A graph beside this one on the same engine, named by ``suffix``, that lasts with it.

        For data that must not mix with the entities (a trained model). None where the
        engine holds one graph only (Neo4j Community); the caller then keeps it beside them.
        """
        ...

    def scratch_graph(self, suffix: str) -> AbstractContextManager[GraphStore]:
        """An empty graph beside this one for working copies (an evaluation's training graph), removed on exit.

        Raises ScratchGraphUnsupportedError when called where the engine holds one graph only.
        """
        ...

    def close(self) -> None:
        """Release connections (and stop an embedded engine)."""
        ...

    def __enter__(self) -> Self:
        """The store itself; ``with`` closes it on exit."""
        ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        """Close the store."""
        ...


class ClosingContext:
    """``with store:`` closes the store at the end; shared by the adapters and wrappers of the port."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
