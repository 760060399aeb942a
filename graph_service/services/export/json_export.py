"""JSON Lines in the import format: every entity, then every relationship."""

from __future__ import annotations

import json
from pathlib import Path

from graph_service.ontology import EntityKind, RelationType
from graph_service.services.export.reading import ExportReport, entities_of, relations_of
from graph_service.store import GraphStore


def export_jsonl(store: GraphStore, out: Path) -> ExportReport:
    report = ExportReport(str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for kind in EntityKind:
            for entity in entities_of(store, kind):
                handle.write(json.dumps({"kind": kind.value, **entity}, ensure_ascii=False) + "\n")
                report.entities[kind.value] = report.entities.get(kind.value, 0) + 1
        for rel in RelationType:
            for source, target, props in relations_of(store, rel):
                line = {"type": rel.value, "source": source, "target": target, **props}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                report.relations[rel.value] = report.relations.get(rel.value, 0) + 1
    return report
