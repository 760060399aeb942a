"""A store wrapper that records the queries a piece of work sends, to replay them raw."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from graph_service.store.protocol import ClosingContext, GraphStore, Row, Slots, WriteBatch

Call = tuple[str, dict[str, Any], Slots | None]


class RecordingStore(ClosingContext):
    """Passes every call through to ``inner`` and keeps the reads it made."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.engine = inner.engine
        self.calls: list[Call] = []

    @property
    def graph_name(self) -> str:
        return self.inner.graph_name

    @property
    def round_trips(self) -> int:
        return self.inner.round_trips

    def read(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        self.calls.append((name, dict(params or {}), slots))
        return self.inner.read(name, params, slots=slots)

    def write(self, name: str, params: Mapping[str, Any] | None = None, *, slots: Slots | None = None) -> list[Row]:
        return self.inner.write(name, params, slots=slots)

    def write_records(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self.inner.write_records(name, params)

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
        return self.inner.write_batches(name, rows, key=key, slots=slots, batch_size=batch_size, progress=progress)

    def write_all(self, batches: Iterable[WriteBatch], *, progress: Callable[[int], None] | None = None) -> int:
        return self.inner.write_all(batches, progress=progress)

    def ensure_schema(self) -> None:
        self.inner.ensure_schema()

    def clear(self) -> None:
        self.inner.clear()

    def compact(self) -> None:
        self.inner.compact()

    def version(self) -> str:
        return self.inner.version()

    def ping(self) -> bool:
        return self.inner.ping()

    def engine_info(self) -> dict[str, Any]:
        return self.inner.engine_info()

    def bookmarks(self) -> tuple[str, ...]:
        return self.inner.bookmarks()

    def catch_up(self, bookmarks: Iterable[str]) -> None:
        self.inner.catch_up(bookmarks)

    def exists(self) -> bool:
        return self.inner.exists()

    def sibling(self, suffix: str) -> GraphStore | None:
        return self.inner.sibling(suffix)

    def scratch_graph(self, suffix: str) -> AbstractContextManager[GraphStore]:
        return self.inner.scratch_graph(suffix)

    def close(self) -> None:
        self.inner.close()
