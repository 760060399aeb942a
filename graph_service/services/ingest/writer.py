"""The one write path for entities and relationships: seed, synthetic, import and API edits.

Records are grouped by kind (or type) and sent in UNWIND batches, the next batch made
ready while the engine writes the one before. Entities whose uid is not yet in the graph
are created outright, which spares the engine MERGE's lookup. Each entity row carries
a fingerprint of its properties, so writing an unchanged record again does not move its
``updated_at``, and the derived ``search_text`` that full-text search indexes. Writing
IN_FIELD relationships rebuilds the rosters of the fields they point to; writes that change
what a chain segment counts refresh its tally.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.domain.search_text import search_terms
from graph_service.errors import StoreError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.derived.segment_tallies import (
    NEAR_MAX,
    SCOPE_TIES,
    TALLY_KINDS,
    TALLY_TIES,
    rebuild_all_tallies,
    refresh_near,
)
from graph_service.services.explore.paths import WARM_TIES
from graph_service.services.match.popular import INCREMENTAL_MAX, refresh_popular
from graph_service.services.match.rosters import rebuild_rosters
from graph_service.store import GraphStore
from graph_service.store.batching import unique_batches, unique_write_batches
from graph_service.store.protocol import WriteBatch

DEFAULT_BATCH = 2000
# Smaller batches (an edit, a handful of rows) are upserted at once: looking up which
# uids exist would cost more than creating them saves.
BULK_MIN = 64

Item = TypeVar("Item")
Key = TypeVar("Key")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def fingerprint(properties: dict[str, Any]) -> str:
    """A stable hash of a record's properties."""
    canonical = json.dumps(properties, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()


def entity_row(record: EntityRecord, now: str) -> dict[str, Any]:
    props = dict(record.properties)
    aliases = props.get("aliases")
    texts = [str(props.get("name", "")), str(props.get("name_en") or "")]
    texts += [str(a) for a in aliases] if isinstance(aliases, list) else []
    props["search_text"] = search_terms(texts)
    return {"uid": record.uid, "kind": record.kind.value, "now": now, "fingerprint": fingerprint(props), "props": props}


def _uid(row: Mapping[str, Any]) -> Hashable:
    return str(row["uid"])


def _ends(row: Mapping[str, Any]) -> Hashable:
    return (row["source"], row["target"])


def _entity_writes(
    store: GraphStore, rows: list[Mapping[str, Any]], kind: EntityKind, known: Container[str] | None
) -> Iterator[WriteBatch]:
    """Rows whose uid is new are created, the rest upserted: a create skips MERGE's lookup."""
    slots = {"kind": kind}
    if len(rows) < BULK_MIN:
        yield WriteBatch("entity_upsert", rows, slots)
        return
    if known is None:
        stored: Container[str] = {row["uid"] for row in store.read("entity_kinds", {"uids": [r["uid"] for r in rows]})}
    else:
        stored = known
    new = [row for row in rows if row["uid"] not in stored]
    if new:
        # Another writer may create one of these uids meanwhile; the batch is then upserted.
        yield WriteBatch("entity_create", new, slots, on_duplicate="entity_upsert")
    if len(new) < len(rows):
        yield WriteBatch("entity_upsert", [row for row in rows if row["uid"] in stored], slots)


@contextmanager
def _deriving(written: int) -> Iterator[None]:
    """Refreshing derived data after ``written`` rows: a failure says the rows are in and how to repair."""
    try:
        yield
    except StoreError as error:
        # The rows are committed; only the rosters, lists and tallies derived from them lag.
        raise StoreError(
            f"{written} rows were written, but refreshing the derived data (field rosters, most-connected "
            f"lists, segment tallies) failed: {error}; run `graph-service rebuild-derived` to count it again / "
            f"已写入 {written} 行，但派生数据（领域名册、最常联系名单、产业链环节计数）刷新失败：{error}；"
            "请运行 graph-service rebuild-derived 重新计算"
        ) from error


def _grouped(items: Iterable[Item], key: Callable[[Item], Key], size: int) -> Iterator[tuple[Key, list[Item]]]:
    """Items gathered by key (kind or type), ``size`` at a time, then the remainders."""
    pending: dict[Key, list[Item]] = defaultdict(list)
    for item in items:
        group = pending[key(item)]
        group.append(item)
        if len(group) >= size:
            yield key(item), pending.pop(key(item))
    for name, group in pending.items():
        if group:
            yield name, group


def write_entities(
    store: GraphStore,
    records: Iterable[EntityRecord],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    known: Container[str] | None = None,
) -> int:
    """Upsert entities by uid; returns how many rows were sent.

    ``known`` holds every uid that may already exist (an import found them while checking);
    without it each batch asks the graph.
    """
    now = _now()
    # Entities that may have ties already (a new one has none) and new segments: their
    # segments' tallies are refreshed after the write; a region changes every scope.
    tallied: set[str] = set()
    every = False  # a region changed every scope, or too many entities to look up

    def batches() -> Iterator[WriteBatch]:
        nonlocal every
        for kind, group in _grouped(records, lambda record: record.kind, batch_size):
            every = every or kind is EntityKind.REGION
            for batch in unique_batches([entity_row(record, now) for record in group], _uid, batch_size):
                for write in _entity_writes(store, batch, kind, known):
                    counted = write.query == "entity_upsert" or kind is EntityKind.CHAIN_SEGMENT
                    if kind in TALLY_KINDS and counted and not every:
                        tallied.update(str(row["uid"]) for row in write.rows)
                        every = len(tallied) > NEAR_MAX
                    yield write

    written = store.write_all(batches(), progress=progress)
    with _deriving(written):
        if every:
            rebuild_all_tallies(store)
        elif tallied:
            refresh_near(store, tallied)
    return written


def write_relations(
    store: GraphStore,
    records: Iterable[RelationRecord],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Upsert relationships by (source, type, target); returns how many rows were sent."""
    fields: set[str] = set()
    touched: set[str] | None = set()  # ends of social ties; None once too many to merge one by one
    tallied: set[str] = set()  # ends of ties a segment counts through
    every = False  # every segment is recounted: WITHIN changed the scopes, or too many ends to look up

    def batches() -> Iterator[WriteBatch]:
        nonlocal touched, every
        for rel, group in _grouped(records, lambda record: record.type, batch_size):
            every = every or rel in SCOPE_TIES
            if rel in TALLY_TIES and not every:
                tallied.update(end for r in group for end in (r.source, r.target))
                every = len(tallied) > NEAR_MAX
            if rel is RelationType.IN_FIELD:
                fields.update(record.target for record in group)
            if rel in WARM_TIES and touched is not None:
                touched.update(end for r in group for end in (r.source, r.target))
                if len(touched) > INCREMENTAL_MAX:
                    touched = None
            rows = [{"source": r.source, "target": r.target, "props": dict(r.properties)} for r in group]
            yield from unique_write_batches("relation_upsert", rows, _ends, batch_size, {"rel": rel})

    written = store.write_all(batches(), progress=progress)
    with _deriving(written):
        if fields:
            rebuild_rosters(store, fields)
        refresh_popular(store, touched)
        if every:
            rebuild_all_tallies(store)
        elif tallied:
            refresh_near(store, tallied)
    return written
