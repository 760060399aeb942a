"""Export the graph as JSON Lines, CSV or GraphML."""

from __future__ import annotations

from pathlib import Path

from graph_service.services.access import policy
from graph_service.services.export.csv_export import export_csv
from graph_service.services.export.graphml_export import export_graphml
from graph_service.services.export.json_export import export_jsonl
from graph_service.services.export.reading import ExportReport
from graph_service.store import GraphStore

FORMATS = ("json", "csv", "graphml")


def export_graph(store: GraphStore, fmt: str, out: Path) -> ExportReport:
    """Write the whole graph to ``out`` (a file; a directory for CSV)."""
    policy.require_reports()
    if fmt == "json":
        return export_jsonl(store, out)
    if fmt == "csv":
        return export_csv(store, out)
    if fmt == "graphml":
        return export_graphml(store, out)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "ExportReport", "export_graph"]
