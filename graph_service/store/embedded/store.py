"""``EmbeddedStore``: the ``GraphStore`` on one graph of the embedded FalkorDB engine."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, LiteralString

from graph_service.errors import QueryError
from graph_service.ontology import ENTITY_LABEL
from graph_service.ontology.validation import UNSTORABLE
from graph_service.store.batching import unique_write_batches, write_in_order
from graph_service.store.embedded.connection import EngineConnection, PreparedQuery
from graph_service.store.embedded.link import EngineLink
from graph_service.store.protocol import ClosingContext, Row, Slots, WriteBatch
from graph_service.store.queries import QueryLibrary
from graph_service.store.unstorable import holds_unstorable, unstorable_error

# FalkorDB answers a repeated CREATE INDEX with one of these.
_ALREADY = ("already indexed", "already exists")


class EmbeddedStore(ClosingContext):
    """Named queries on one graph of an engine; ``for_graph`` gives another graph on it.

    The engine is one local process (``EngineConnection``) or a replicated one reached
    through Sentinels (``ReplicatedConnection``); the queries are the same.
    """

    engine = "falkordb"

    def __init__(
        self,
        connection: EngineLink,
        graph_name: str,
        *,
        queries: QueryLibrary | None = None,
        owns_connection: bool = False,
    ) -> None:
        self.connection = connection
        self.graph_name = graph_name
        self.queries = queries or QueryLibrary(self.engine)
        self.round_trips = 0
        self._owns_connection = owns_connection

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        graph_name: str = "ecosystem",
        fsync: str = "everysec",
        query_timeout_ms: int = 30_000,
        attach: bool = False,
        queries: QueryLibrary | None = None,
    ) -> EmbeddedStore:
        """Start the engine on ``data_dir`` and return a store that stops it on close.

        With ``attach``, use the engine of a service already running on ``data_dir``.
        """
        connection = EngineConnection(data_dir, fsync=fsync, query_timeout_ms=query_timeout_ms, attach=attach)
        return cls(connection, graph_name, queries=queries, owns_connection=True)

    def for_graph(self, graph_name: str) -> EmbeddedStore:
        """Another graph on the same engine (tests use one graph each)."""
        return EmbeddedStore(self.connection, graph_name, queries=self.queries)

    def _run(
        self,
        text: LiteralString | PreparedQuery,
        params: Mapping[str, Any] | None,
        *,
        read_only: bool,
        moves_version: bool = True,
    ) -> list[Row]:
        self.round_trips += 1
        # The client inlines parameters into the query text, where a NUL would end it.
        if params and holds_unstorable(params):
            raise unstorable_error()
        if read_only or not moves_version:
            return self.connection.run(self.graph_name, text, params, read_only=read_only)
        try:
            return self.connection.run(self.graph_name, text, params, read_only=False)
        finally:
            # Also after a failure: a write may have been applied before its reply was lost.
            self.connection.bump_version(self.graph_name)

    def read(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        return self._run(self.queries[name].render(slots), params, read_only=True)

    def write(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        return self._run(self.queries[name].render(slots), params, read_only=False)

    def write_records(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        # The version stays: a broker moving introductions all day would otherwise drop the
        # cached chain reports each time (5 s each at a million entities, uncached).
        return self._run(self.queries[name].render(None), params, read_only=False, moves_version=False)

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
        return self.write_all(unique_write_batches(name, rows, key, batch_size, slots), progress=progress)

    def _prepare(self, batch: WriteBatch) -> PreparedQuery:
        prepared = PreparedQuery(self.queries[batch.query].render(batch.slots), {"rows": batch.rows})
        # One scan of the rendered text instead of a walk over every value of every row.
        if UNSTORABLE.search(prepared.command):
            raise unstorable_error()
        return prepared

    def write_all(self, batches: Iterable[WriteBatch], *, progress: Callable[[int], None] | None = None) -> int:
        return write_in_order(
            batches, self._prepare, lambda prepared: self._run(prepared, None, read_only=False), progress
        )

    def ensure_schema(self) -> None:
        # Not through _run: an index changes no answer, so it must not move the version.
        # Every process that opens the store runs these (a repeat is refused as "already
        # indexed"), and counting them as writes made each read-only command-line tool
        # drop the caches of the service it attached to.
        for statement in self.queries["schema"].statements():
            self.round_trips += 1
            try:
                self.connection.run(self.graph_name, statement, None, read_only=False)
            except QueryError as exc:
                if not any(marker in str(exc) for marker in _ALREADY):
                    raise
        # Needs the uid index above; Neo4j declares the same constraint in its schema file.
        self.connection.ensure_unique(self.graph_name, ENTITY_LABEL, "uid")

    def clear(self) -> None:
        self.connection.delete_graph(self.graph_name)
        self.connection.bump_version(self.graph_name)
        self.ensure_schema()

    def replace_graph(self, staging: EmbeddedStore) -> None:
        """Make ``staging``'s graph this store's graph in one step; the graph it replaces is dropped.

        Readers see the old graph or the new one, never a mix; ``staging``'s name is free after.
        """
        if staging.connection is not self.connection:
            raise ValueError("a graph can only be replaced by a graph of the same engine")
        self.connection.rename_graph(staging.graph_name, self.graph_name)
        self.connection.bump_version(self.graph_name)

    def version(self) -> str:
        return f"w{self.connection.version(self.graph_name)}"

    def compact(self) -> None:
        self.connection.compact()

    def ping(self) -> bool:
        return self.connection.ping()

    def engine_info(self) -> dict[str, Any]:
        return {"engine": self.engine, "graph": self.graph_name, **self.connection.memory()}

    def bookmarks(self) -> tuple[str, ...]:
        """Empty on one engine (one state); on a replicated one, the replication offset of this
        process's writes, which another process's ``catch_up`` makes its reads wait for."""
        return self.connection.bookmarks()

    def catch_up(self, bookmarks: Iterable[str]) -> None:
        self.connection.catch_up(bookmarks)

    def exists(self) -> bool:
        return self.graph_name in self.connection.graph_names()

    def sibling(self, suffix: str) -> EmbeddedStore:
        return self.for_graph(f"{self.graph_name}{suffix}")

    @contextmanager
    def scratch_graph(self, suffix: str) -> Iterator[EmbeddedStore]:
        scratch = self.for_graph(f"{self.graph_name}__{suffix}")
        try:
            scratch.clear()
            yield scratch
        finally:
            self.connection.delete_graph(scratch.graph_name)
            # The copy's writes would stay in the engine's write log, and the next start would
            # replay them, slowly: 21 s after an evaluation at 3k that took 9 s.
            self.compact()

    def close(self) -> None:
        if self._owns_connection:
            self.connection.close()
