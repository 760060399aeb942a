"""GraphML that opens in Gephi: keys declared from the ontology, written as a stream.

Every property of every kind and relationship type becomes a key with its GraphML type
(lists are joined with ``;``); the node's ``kind`` and the edge's ``type`` label them.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from graph_service.ontology import RELATION_SPECS, EntityKind, PropertyType, RelationType, kind_properties
from graph_service.services.export.csv_export import cell
from graph_service.services.export.reading import ExportReport, entities_of, relations_of
from graph_service.store import GraphStore

_TYPES = {
    PropertyType.STRING: "string",
    PropertyType.INTEGER: "long",
    PropertyType.FLOAT: "double",
    PropertyType.BOOLEAN: "boolean",
    PropertyType.STRING_LIST: "string",
}


def _keys() -> tuple[dict[str, str], dict[str, str]]:
    node_keys: dict[str, str] = {"kind": "string", "label": "string"}
    for kind in EntityKind:
        for spec in kind_properties(kind):
            node_keys.setdefault(spec.name, _TYPES[spec.type])
    edge_keys: dict[str, str] = {"type": "string", "label": "string"}
    for spec in (s for r in RELATION_SPECS.values() for s in r.properties):
        edge_keys.setdefault(spec.name, _TYPES[spec.type])
    return node_keys, edge_keys


def _data(handle: IO[str], prefix: str, values: dict[str, Any], keys: dict[str, str]) -> None:
    for name, value in values.items():
        if name in keys and value is not None:
            handle.write(f'      <data key="{prefix}_{name}">{escape(cell(value))}</data>\n')


def export_graphml(store: GraphStore, out: Path) -> ExportReport:
    report = ExportReport(str(out))
    node_keys, edge_keys = _keys()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for name, xml_type in node_keys.items():
            handle.write(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{xml_type}"/>\n')
        for name, xml_type in edge_keys.items():
            handle.write(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{xml_type}"/>\n')
        handle.write('  <graph id="ecosystem" edgedefault="directed">\n')
        for kind in EntityKind:
            for entity in entities_of(store, kind):
                handle.write(f"    <node id={quoteattr(str(entity['uid']))}>\n")
                _data(handle, "n", {"kind": kind.value, "label": entity.get("name"), **entity}, node_keys)
                handle.write("    </node>\n")
                report.entities[kind.value] = report.entities.get(kind.value, 0) + 1
        for rel in RelationType:
            for number, (source, target, props) in enumerate(relations_of(store, rel)):
                handle.write(
                    f'    <edge id="{rel.value}-{number}" source={quoteattr(source)} target={quoteattr(target)}>\n'
                )
                _data(handle, "e", {"type": rel.value, "label": rel.value, **props}, edge_keys)
                handle.write("    </edge>\n")
                report.relations[rel.value] = report.relations.get(rel.value, 0) + 1
        handle.write("  </graph>\n</graphml>\n")
    return report
