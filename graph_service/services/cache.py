"""Derived results kept while the graph stays as it was.

Chain reports and the ecosystem report read large parts of the graph; the same question
asked again before any write gets the same answer. Entries are keyed by graph and
question and checked against the store's version token, which every process writing to
the graph moves, so several service workers never serve a result older than a write.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from graph_service.store import GraphStore

V = TypeVar("V")
_ALL: weakref.WeakSet[VersionedCache[Any]] = weakref.WeakSet()


class VersionedCache(Generic[V]):
    """At most ``size`` results, least recently used dropped first."""

    def __init__(self, size: int = 128) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Hashable, ...], tuple[str, V]] = OrderedDict()
        _ALL.add(self)

    def get(self, store: GraphStore, key: tuple[Hashable, ...], compute: Callable[[], V]) -> V:
        version = store.version()
        full = (store.graph_name, *key)
        with self._lock:
            hit = self._entries.get(full)
            if hit is not None and hit[0] == version:
                self._entries.move_to_end(full)
                return hit[1]
        # Computed outside the lock: two requests may both compute; both answers are right.
        value = compute()
        with self._lock:
            self._entries[full] = (version, value)
            self._entries.move_to_end(full)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def clear_all() -> None:
    """Forget every cached result (benchmarks measure the uncached work)."""
    for cache in list(_ALL):
        cache.clear()
