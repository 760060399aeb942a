"""Export to JSON Lines, CSV and GraphML; JSON and CSV import back to the same graph, on both engines."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graph_service.services.export import export_graph
from graph_service.services.ingest.importer import import_files
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore
from tests import ecosystem

pytestmark = pytest.mark.both_engines


def _snapshot(store: GraphStore) -> dict[str, dict[str, object]]:
    rows = store.read("entities_get", {"uids": [uid for _, uid, _, _ in ecosystem.ENTITIES]})
    drop = {"created_at", "updated_at"}
    return {row["entity"]["uid"]: {k: v for k, v in row["entity"].items() if k not in drop} for row in rows}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_gives_the_same_graph(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    ecosystem.build(store)
    out = tmp_path / ("graph.jsonl" if fmt == "json" else "csv")
    report = export_graph(store, fmt, out)
    assert sum(report.entities.values()) == len(ecosystem.ENTITIES)
    assert sum(report.relations.values()) == len(ecosystem.RELATIONS)
    before = graph_stats(store), _snapshot(store)

    # Back into the same graph emptied: Neo4j Community has no second database to copy into.
    store.clear()
    files = [out] if fmt == "json" else sorted(out.glob("*.csv"))
    import_files(store, files)
    assert (graph_stats(store), _snapshot(store)) == before
    if fmt == "csv":
        assert (out / "Scientist.csv").read_bytes().startswith(b"\xef\xbb\xbf"), "Excel needs the BOM for Chinese"


def test_graphml_parses_with_every_node_and_edge(store: GraphStore, tmp_path: Path) -> None:
    ecosystem.build(store)
    out = tmp_path / "graph.graphml"
    export_graph(store, "graphml", out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    assert len(nodes) == len(ecosystem.ENTITIES)
    assert len(edges) == len(ecosystem.RELATIONS)
    keys = {k.get("id"): k.get("attr.type") for k in root.findall("g:key", ns)}
    assert keys["n_is_academician"] == "boolean"
    assert keys["e_amount"] == "double"
    park = next(n for n in nodes if n.get("id") == "park:gaoxin")
    values = {d.get("key"): d.text for d in park.findall("g:data", ns)}
    assert values["n_kind"] == "Park"
    assert values["n_aliases"] == "成都高新技术产业开发区"
