"""Page through the store for export: entities by kind, relationships by type, in stable order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph_service.domain.entities import BOOKKEEPING
from graph_service.ontology import EntityKind, RelationType, kind_properties
from graph_service.services.access import policy
from graph_service.store import GraphStore

PAGE = 5000


@dataclass
class ExportReport:
    path: str
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)


def entities_of(store: GraphStore, kind: EntityKind) -> Iterator[dict[str, Any]]:
    """Properties of every entity of ``kind`` in uid order; contact details only for those who may see them."""
    hidden = set(BOOKKEEPING)
    if not policy.may_see_contact():
        hidden |= {p.name for p in kind_properties(kind) if p.personal}
    after = ""
    while True:
        rows = store.read("entities_page", {"after": after, "limit": PAGE}, slots={"kind": kind})
        for row in rows:
            yield {k: v for k, v in row["entity"].items() if k not in hidden}
        if len(rows) < PAGE:
            return
        after = str(rows[-1]["entity"]["uid"])


def relations_of(store: GraphStore, rel: RelationType) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(source, target, properties) of every relationship of ``rel`` in (source, target) order."""
    after_source = after_target = ""
    while True:
        rows = store.read(
            "export_relations",
            {"after_source": after_source, "after_target": after_target, "limit": PAGE},
            slots={"rel": rel},
        )
        for row in rows:
            yield str(row["source"]), str(row["target"]), dict(row["props"] or {})
        if len(rows) < PAGE:
            return
        after_source, after_target = str(rows[-1]["source"]), str(rows[-1]["target"])
