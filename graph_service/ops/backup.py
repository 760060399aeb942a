"""``graph-service backup``: a consistent snapshot of a graph, taken while the service runs.

The graph is read by one query (``cypher/graph_snapshot.cypher``), which the embedded
engine answers from a single state: a read holds the graph's lock until it ends, so the
relationships read belong to the same moment as the entities, whatever clients write
meanwhile. Writers wait for that one read (a fraction of a second at demo size, seconds at
100,000 entities). Paging with many queries would mix moments, and the engine's fork-based
``GRAPH.COPY`` wedges the whole engine when it coincides with an append-only-file rewrite
(measured on FalkorDB 4.16), which the engine starts on its own.

The workflow's records (needs, introductions, the audit log, the change events:
``WORKFLOW_LABELS``) are read
by the same query and written after the relationships; nobody could derive them again.

Neo4j runs a query at read-committed isolation, not on a snapshot: there, use
``neo4j-admin database dump``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph_service.domain.entities import RECOUNTED
from graph_service.errors import StoreError
from graph_service.ontology.bookkeeping import (
    AUDIT_ENTRY_LABEL,
    CHANGE_EVENT_LABEL,
    INTRODUCTION_LABEL,
    TECH_NEED_LABEL,
)
from graph_service.ops.backup_file import Record, Relation, writing
from graph_service.store import GraphStore

# The snapshot's column of each workflow label.
_RECORD_COLUMNS = (
    (TECH_NEED_LABEL, "needs"),
    (INTRODUCTION_LABEL, "introductions"),
    (AUDIT_ENTRY_LABEL, "audit"),
    (CHANGE_EVENT_LABEL, "events"),
)


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: str
    graph: str
    entities: int
    relations: int
    bytes: int
    records: int
    seconds: float


def backup(store: GraphStore, path: Path) -> BackupReport:
    """Write a consistent snapshot of ``store``'s graph to ``path`` (atomically)."""
    if store.engine != "falkordb":
        raise StoreError(
            "graph-service backup takes consistent snapshots of the embedded engine only; on Neo4j use "
            "`neo4j-admin database dump` / 备份命令仅支持内置引擎，Neo4j 请使用 neo4j-admin database dump"
        )
    started = time.perf_counter()
    graph = store.graph_name
    rows = store.read("graph_snapshot")
    entities: list[dict[str, Any]] = rows[0]["entities"] if rows else []
    relations: list[dict[str, Any]] = rows[0]["relations"] if rows else []
    workflow = [
        Record(label, dict(props)) for label, column in _RECORD_COLUMNS for props in (rows[0][column] if rows else [])
    ]
    if rows and (rows[0]["nodes"], rows[0]["edges"]) != (len(entities) + len(workflow), len(relations)):
        raise StoreError(
            f"the graph holds {rows[0]['nodes']} nodes and {rows[0]['edges']} relationships, of which only "
            f"{len(entities) + len(workflow)} and {len(relations)} are entities, workflow records and the "
            "entities' ties; backup not written / 图中有不属于本体的节点或关系，未写入备份"
        )
    uids = {str(e["uid"]) for e in entities}
    dangling = sum(1 for r in relations if r["source"] not in uids or r["target"] not in uids)
    if dangling:
        # Cannot happen on a single-state read; refuse rather than write a backup that would not restore.
        raise StoreError(f"{dangling} relationships point outside the snapshot / 快照中有悬空关系，未写入备份")
    with writing(path) as out:
        out.header(graph=graph, engine=store.engine, created_at=datetime.now(UTC).isoformat(timespec="seconds"))
        for entity in sorted(entities, key=lambda e: (str(e.get("kind")), str(e["uid"]))):
            out.entity({k: v for k, v in entity.items() if k not in RECOUNTED})
        for rel in sorted(relations, key=lambda r: (str(r["type"]), str(r["source"]), str(r["target"]))):
            props = rel.get("props")
            out.relation(
                Relation(str(rel["type"]), str(rel["source"]), str(rel["target"]), dict(props) if props else {})
            )
        for record in sorted(workflow, key=lambda w: (w.label, str(w.props.get("id")))):
            out.record(record)
        counts = out.end()
    return BackupReport(
        str(path),
        graph,
        counts.entities,
        counts.relations,
        path.stat().st_size,
        counts.records,
        round(time.perf_counter() - started, 2),
    )
