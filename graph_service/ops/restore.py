"""``graph-service restore``: put a backup back into a graph.

The file is read through and checked before anything is written. A graph that holds any
entity is left alone unless ``force`` is given, which empties it first. Rows go in with
the same upsert queries as every other write, carrying every stored property, so the
restored graph equals the one backed up (timestamps and fingerprints included), and a
restore that was interrupted completes when run again with ``force``. It works on any
engine; writes that clients send while it runs land in the restored graph or are lost
with ``force`` clearing it, so pause writers first.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_service.errors import InvalidInputError, StoreError
from graph_service.ontology import EntityKind, RelationType
from graph_service.ops.backup_file import Counts, Relation, read_header, records
from graph_service.services.match.popular import rebuild_popular
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore

BATCH = 2000


@dataclass(frozen=True, slots=True)
class RestoreReport:
    path: str
    graph: str
    source_graph: str
    entities: int
    relations: int
    seconds: float


class GraphNotEmptyError(InvalidInputError):
    """The target graph holds entities and ``force`` was not given."""


def _entity_rows(path: Path) -> Iterator[tuple[EntityKind, dict[str, Any]]]:
    for record in records(path):
        if isinstance(record, Relation):
            continue
        kind = EntityKind(record["kind"])
        stamp = record.get("updated_at") or record.get("created_at") or ""
        # entity_upsert keeps updated_at when the fingerprint matches: both come from the file.
        yield (
            kind,
            {
                "uid": record["uid"],
                "kind": kind.value,
                "now": stamp,
                "fingerprint": record.get("fingerprint"),
                "props": record,
            },
        )


def _relation_rows(path: Path) -> Iterator[tuple[RelationType, dict[str, Any]]]:
    for record in records(path):
        if isinstance(record, Relation):
            yield RelationType(record.type), {"source": record.source, "target": record.target, "props": record.props}


def _check(path: Path) -> Counts:
    """Read the file through: complete, intact, and every record of a known kind or type."""
    entities = relations = 0
    try:
        for record in records(path):
            if isinstance(record, Relation):
                RelationType(record.type)
                relations += 1
            else:
                EntityKind(record["kind"])
                str(record["uid"])
                entities += 1
    except (KeyError, ValueError) as exc:
        raise InvalidInputError(
            f"{path}: a record names an unknown kind or type or has no uid ({exc}) / 备份中有未知类型或缺少 uid 的记录"
        ) from exc
    return Counts(entities, relations)


def entity_count(store: GraphStore) -> int:
    return graph_stats(store).entity_total


def restore(store: GraphStore, path: Path, *, force: bool = False) -> RestoreReport:
    """Load the backup at ``path`` into ``store``'s graph; refuses a non-empty graph unless ``force``."""
    started = time.perf_counter()
    header = read_header(path)
    counts = _check(path)
    present = entity_count(store)
    if present and not force:
        raise GraphNotEmptyError(
            f"the graph already holds {present} entities; restore refuses to overwrite it without --force / "
            f"目标图谱已有 {present} 个实体，未加 --force 时拒绝覆盖"
        )
    if present:
        store.clear()
    for kind, group in itertools.groupby(_entity_rows(path), key=lambda pair: pair[0]):
        store.write_batches(
            "entity_upsert", (row for _, row in group), key=lambda r: r["uid"], slots={"kind": kind}, batch_size=BATCH
        )
    for rel, rgroup in itertools.groupby(_relation_rows(path), key=lambda pair: pair[0]):
        store.write_batches(
            "relation_upsert",
            (row for _, row in rgroup),
            key=lambda r: (r["source"], r["target"]),
            slots={"rel": rel},
            batch_size=BATCH,
        )
    # A bulk load: without compaction the engine's next start would replay every batch as text.
    store.compact()
    rebuild_popular(store)  # derived, not backed up
    stats = graph_stats(store)
    # More is fine (clients wrote meanwhile); less means the restore did not finish.
    if stats.entity_total < counts.entities or stats.relation_total < counts.relations:
        raise StoreError(
            f"after restoring, the graph holds {stats.entity_total} entities and {stats.relation_total} "
            f"relationships, the backup {counts.entities} and {counts.relations}; run again with --force / "
            f"恢复后数量与备份不符，请加 --force 重新恢复"
        )
    return RestoreReport(
        str(path),
        getattr(store, "graph_name", ""),
        str(header.get("graph", "")),
        counts.entities,
        counts.relations,
        round(time.perf_counter() - started, 2),
    )
