"""The store's version token and the caches that trust it."""

from __future__ import annotations

from graph_service.domain.records import EntityRecord
from graph_service.ontology import EntityKind
from graph_service.services.cache import VersionedCache
from graph_service.services.ingest.writer import write_entities
from graph_service.store.embedded import EmbeddedStore


def _add(store: EmbeddedStore, uid: str) -> None:
    write_entities(store, [EntityRecord(EntityKind.SCIENTIST, uid, {"uid": uid, "name": uid})])


def test_version_moves_on_writes_and_clear_only(store: EmbeddedStore) -> None:
    first = store.version()
    store.read("stats_kinds", {"regions": []})
    assert store.version() == first
    _add(store, "p:1")
    second = store.version()
    assert second != first
    store.clear()
    assert store.version() not in {first, second}


def test_version_is_per_graph_and_shared_by_every_handle(store: EmbeddedStore) -> None:
    other = store.for_graph(store.graph_name + "-other")
    try:
        before = other.version()
        _add(store, "p:1")
        assert other.version() == before
        # Another handle on the same graph (as another service worker would have) sees the write.
        assert store.for_graph(store.graph_name).version() == store.version()
    finally:
        other.connection.delete_graph(other.graph_name)


def test_cache_recomputes_only_after_a_write(store: EmbeddedStore) -> None:
    cache: VersionedCache[int] = VersionedCache(size=2)
    calls: list[str] = []

    def compute(tag: str) -> int:
        calls.append(tag)
        return len(calls)

    assert cache.get(store, ("a",), lambda: compute("a")) == 1
    assert cache.get(store, ("a",), lambda: compute("a")) == 1
    _add(store, "p:1")
    assert cache.get(store, ("a",), lambda: compute("a")) == 2
    cache.get(store, ("b",), lambda: compute("b"))
    cache.get(store, ("c",), lambda: compute("c"))  # size 2: "a" is dropped
    assert cache.get(store, ("a",), lambda: compute("a")) == 5
    assert calls == ["a", "a", "b", "c", "a"]
