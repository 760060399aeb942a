"""``graph-service restore``: put a backup back into a graph.

The whole file is read and checked before anything is written: intact, and every record
consistent with the others and with the ontology (ops/backup_check.py). A graph that holds
any entity or workflow record is left alone unless ``force`` is given. The workflow's records (needs,
introductions, the audit log) are put back by id after the relationships. Rows go in with the same upsert
queries as every other write, carrying every stored property, so the restored graph
equals the one backed up (timestamps and fingerprints included).

On the embedded engine the backup is loaded into a staging graph beside the target, which
then replaces the target in one step (a rename), so a restore that fails or is interrupted
leaves the graph exactly as it was, and readers see the old graph or the new one, never
half of it. Elsewhere (Neo4j Community has one database) ``force`` empties the graph
first, and a restore interrupted after that completes when run again with ``force``.
Writes that clients send while a restore runs are lost, so pause writers first.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_service.errors import InvalidInputError, StoreError
from graph_service.ontology import EntityKind, RelationType
from graph_service.ontology.bookkeeping import (
    AUDIT_ENTRY_LABEL,
    CHANGE_EVENT_LABEL,
    INTRODUCTION_LABEL,
    TECH_NEED_LABEL,
)
from graph_service.ops.backup_check import check_backup
from graph_service.ops.backup_file import Counts, Record, Relation, read_header, records
from graph_service.services.derived.segment_tallies import rebuild_all_tallies
from graph_service.services.match.popular import rebuild_popular
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore

BATCH = 2000
# The query that puts back the records of each workflow label.
_RECORD_QUERIES = {
    TECH_NEED_LABEL: "need_restore",
    INTRODUCTION_LABEL: "introduction_restore",
    AUDIT_ENTRY_LABEL: "audit_restore",
    CHANGE_EVENT_LABEL: "event_restore",
}
# The graph a restore on the embedded engine loads before it replaces the target.
STAGING_SUFFIX = "__restore"


@dataclass(frozen=True, slots=True)
class RestoreReport:
    path: str
    graph: str
    source_graph: str
    entities: int
    relations: int
    records: int
    seconds: float


class GraphNotEmptyError(InvalidInputError):
    """The target graph holds entities or workflow records and ``force`` was not given."""


def _entity_rows(path: Path) -> Iterator[tuple[EntityKind, dict[str, Any]]]:
    for record in records(path):
        if not isinstance(record, dict):
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


def _workflow_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for record in records(path):
        if isinstance(record, Record):
            yield record.label, {"id": record.props["id"], "props": record.props}


def record_count(store: GraphStore) -> int:
    """How many workflow records the graph holds."""
    rows = store.read("workflow_counts")
    return sum(int(rows[0][k]) for k in ("needs", "introductions", "audit", "events")) if rows else 0


def entity_count(store: GraphStore) -> int:
    return graph_stats(store).entity_total


def held(store: GraphStore) -> int:
    """Entities and workflow records: a graph of needs and introductions alone is not empty."""
    return entity_count(store) + record_count(store)


def _load(store: GraphStore, path: Path) -> None:
    """Write every record of the backup (checked beforehand) into ``store``'s graph."""
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
    for label, wgroup in itertools.groupby(sorted(_workflow_rows(path), key=lambda p: p[0]), key=lambda p: p[0]):
        store.write_batches(_RECORD_QUERIES[label], (row for _, row in wgroup), key=lambda r: r["id"], batch_size=BATCH)
    rebuild_popular(store)  # derived, not backed up
    rebuild_all_tallies(store)  # derived: recounted from what was restored


def _shortfall(store: GraphStore, counts: Counts, *, exact: bool) -> StoreError | None:
    """An error when ``store`` does not hold what the backup does."""
    stats = graph_stats(store)
    found = Counts(stats.entity_total, stats.relation_total, record_count(store))
    more = found.entities >= counts.entities and found.relations >= counts.relations and found.records >= counts.records
    if found == counts or (not exact and more):
        return None
    return StoreError(
        f"after restoring, the graph holds {found.entities} entities, {found.relations} relationships and "
        f"{found.records} workflow records, the backup {counts.entities}, {counts.relations} and {counts.records} "
        "/ 恢复后数量与备份不符"
    )


def _not_empty(present: int) -> GraphNotEmptyError:
    return GraphNotEmptyError(
        f"the graph already holds {present} entities and workflow records; restore refuses to overwrite it "
        f"without --force / 目标图谱已有 {present} 个实体和对接记录，未加 --force 时拒绝覆盖"
    )


def _restore_staged(store: EmbeddedStore, path: Path, counts: Counts, *, force: bool) -> None:
    """Load a graph beside ``store``'s and swap it in: until then, the graph is not touched."""
    staging = store.for_graph(f"{store.graph_name}{STAGING_SUFFIX}")
    try:
        staging.clear()  # also what an interrupted restore left there
        _load(staging, path)
        # Nobody else writes the staging graph, so it must hold exactly what the file does.
        short = _shortfall(staging, counts, exact=True)
        if short is not None:
            raise short
        present = 0 if force else held(store)
        if present:
            raise _not_empty(present)  # a client wrote to the empty graph meanwhile
        store.replace_graph(staging)
    except BaseException:
        with contextlib.suppress(StoreError):
            store.connection.delete_graph(staging.graph_name)
            store.compact()
        raise
    # A bulk load: without compaction the engine's next start would replay every batch as text.
    store.compact()


def _restore_in_place(store: GraphStore, path: Path, counts: Counts, *, present: int) -> None:
    """Empty the graph and load it (engines without a second graph to stage in: Neo4j Community)."""
    if present:
        store.clear()
    _load(store, path)
    store.compact()
    # More is fine (clients wrote meanwhile); less means the restore did not finish.
    short = _shortfall(store, counts, exact=False)
    if short is not None:
        raise StoreError(f"{short}; run again with --force / 请加 --force 重新恢复")


def restore(store: GraphStore, path: Path, *, force: bool = False) -> RestoreReport:
    """Load the backup at ``path`` into ``store``'s graph; refuses a non-empty graph unless ``force``."""
    started = time.perf_counter()
    header = read_header(path)
    counts = check_backup(path)
    present = held(store)
    if present and not force:
        raise _not_empty(present)
    if isinstance(store, EmbeddedStore):
        _restore_staged(store, path, counts, force=force)
    else:
        _restore_in_place(store, path, counts, present=present)
    return RestoreReport(
        str(path),
        store.graph_name,
        str(header.get("graph", "")),
        counts.entities,
        counts.relations,
        counts.records,
        round(time.perf_counter() - started, 2),
    )
