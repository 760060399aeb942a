"""The one write path for entities and relationships: seed, synthetic, import and API edits.

Records are grouped by kind (or type) and sent in UNWIND batches. Each entity row carries
a fingerprint of its properties, so writing an unchanged record again does not move its
``updated_at``, and the derived ``search_text`` that full-text search indexes. Writing
IN_FIELD relationships rebuilds the rosters of the fields they point to.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.domain.search_text import search_terms
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.match.rosters import rebuild_rosters
from graph_service.store import GraphStore

DEFAULT_BATCH = 2000


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


def write_entities(
    store: GraphStore,
    records: Iterable[EntityRecord],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Upsert entities by uid; returns how many rows were sent."""
    now = _now()
    pending: dict[EntityKind, list[dict[str, Any]]] = defaultdict(list)
    written = 0

    def flush(kind: EntityKind) -> int:
        rows, pending[kind] = pending[kind], []
        return store.write_batches(
            "entity_upsert",
            rows,
            key=lambda r: r["uid"],
            slots={"kind": kind},
            batch_size=batch_size,
            progress=progress,
        )

    for record in records:
        pending[record.kind].append(entity_row(record, now))
        if len(pending[record.kind]) >= batch_size:
            written += flush(record.kind)
    for kind in list(pending):
        if pending[kind]:
            written += flush(kind)
    return written


def write_relations(
    store: GraphStore,
    records: Iterable[RelationRecord],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Upsert relationships by (source, type, target); returns how many rows were sent."""
    pending: dict[RelationType, list[dict[str, Any]]] = defaultdict(list)
    written = 0

    def flush(rel: RelationType) -> int:
        rows, pending[rel] = pending[rel], []
        return store.write_batches(
            "relation_upsert",
            rows,
            key=lambda r: (r["source"], r["target"]),
            slots={"rel": rel},
            batch_size=batch_size,
            progress=progress,
        )

    fields: set[str] = set()
    for record in records:
        pending[record.type].append(
            {"source": record.source, "target": record.target, "props": dict(record.properties)}
        )
        if record.type is RelationType.IN_FIELD:
            fields.add(record.target)
        if len(pending[record.type]) >= batch_size:
            written += flush(record.type)
    for rel in list(pending):
        if pending[rel]:
            written += flush(rel)
    if fields:
        rebuild_rosters(store, fields)
    return written
