"""CSV: one file per kind and per relationship type, UTF-8 with BOM so Excel shows Chinese.

Columns are the ontology's property names in declaration order; lists are joined with
``;``. A text a spreadsheet would run as a formula gets a leading ``'`` (see
``domain/spreadsheet.py``), which the importer takes off again: the files import back unchanged.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path
from typing import Any

from graph_service.domain.spreadsheet import inert
from graph_service.ontology import RELATION_SPECS, EntityKind, RelationType, kind_properties
from graph_service.services.export.reading import ExportReport, entities_of, relations_of
from graph_service.store import GraphStore


def cell(value: Any) -> str:
    """A property value as CSV text.

    >>> cell(["a", "b"]), cell(True), cell(None), cell(2.5)
    ('a;b', 'true', '', '2.5')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def csv_cell(value: Any) -> str:
    """``cell``, with text a spreadsheet would run made inert; numbers are left as numbers.

    >>> csv_cell("=1+1"), csv_cell(["@a", "b"]), csv_cell(-2)
    ("'=1+1", "'@a;b", '-2')
    """
    text = cell(value)
    return inert(text) if isinstance(value, str | list) else text


def export_csv(store: GraphStore, out: Path) -> ExportReport:
    report = ExportReport(str(out))
    out.mkdir(parents=True, exist_ok=True)
    for kind in EntityKind:
        columns = [spec.name for spec in kind_properties(kind)]
        rows = entities_of(store, kind)
        first = next(rows, None)
        if first is None:
            continue
        with (out / f"{kind.value}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            count = 0
            for entity in itertools.chain([first], rows):
                writer.writerow([csv_cell(entity.get(c)) for c in columns])
                count += 1
        report.entities[kind.value] = count
    for rel in RelationType:
        columns = ["source", "target", *(spec.name for spec in RELATION_SPECS[rel].properties)]
        relations = relations_of(store, rel)
        head = next(relations, None)
        if head is None:
            continue
        with (out / f"{rel.value}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            count = 0
            for source, target, props in itertools.chain([head], relations):
                writer.writerow([csv_cell(source), csv_cell(target), *(csv_cell(props.get(c)) for c in columns[2:])])
                count += 1
        report.relations[rel.value] = count
    return report
