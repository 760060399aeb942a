"""Lookups by uid go through the uid index; only queries that read a whole kind scan one.

FalkorDB indexes ``uid`` on the ``Entity`` label. A pattern such as
``(a:Achievement {uid: $x})`` names only the kind's label, so the planner scans every
achievement instead: at a million entities that cost 48 ms against 0.43 ms through the
index, and 221 ms against 0.88 ms for an enterprise.
"""

from __future__ import annotations

import re

import pytest

from graph_service.ontology import EntityKind, RelationType
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.queries import QueryLibrary

# Queries that list, count or export a whole kind (or the graph), by design.
WHOLE_KIND = frozenset(
    {
        "entities_filtered",
        "entities_filtered_count",
        "entities_page",
        "entity_search_sample",  # at start-up: the first few entities of a label scan
        "export_relations",
        "field_rosters_holding",
        "field_uids",
        "graph_snapshot",
        "graph_version",
        "kind_popular",  # maintenance: counts every tie of a kind, after bulk writes only
        "overview_chains",  # a region's overview: counts over each reported kind, by design
        "overview_counts",
        "overview_transfers",
        "popular_get",  # the one list node of each kind
        "popular_set",
        "ranker_model_get",  # the one model node of its label
        "ranker_model_put",
        "region_aliases",  # the few hundred regions, when one is asked for by another name
        "region_names",
        "regions_tree",
        "stats_kinds",
        "stats_regions",
        "stats_relations",
    }
)
_UID_LOOKUP = re.compile(r"\((\w*)((?::[\w{}]+)+)\s*\{uid:")
_NUMBERS = re.compile(r"limit|per_|first|depth|cap|top")


def _rendered(library: QueryLibrary) -> list[tuple[str, str]]:
    out = []
    for name in library.names():
        query = library[name]
        slots = {s: EntityKind.ENTERPRISE if s == "kind" else RelationType.MEMBER_OF for s in query.slot_names}
        out += [(name, text) for text in query.statements(slots)]
    return out


@pytest.mark.parametrize("engine", ["falkordb", "neo4j"])
def test_every_uid_lookup_names_the_indexed_label(engine: str) -> None:
    unindexed = [
        f"{name}: ({match.group(1)}{match.group(2)} {{uid: …}})"
        for name, text in _rendered(QueryLibrary(engine))
        for match in _UID_LOOKUP.finditer(text)
        if "Entity" not in match.group(2).split(":")
    ]
    assert unindexed == []


def test_only_queries_of_a_whole_kind_scan_a_label(store: EmbeddedStore) -> None:
    scanning: dict[str, list[str]] = {}
    for name, text in _rendered(QueryLibrary("falkordb")):
        if text.startswith(("CREATE INDEX", "CALL db.idx")):
            continue
        # The plan does not depend on the values, only on their types.
        params = {p: 10 if _NUMBERS.search(p) else [] if p.endswith("s") else "x" for p in re.findall(r"\$(\w+)", text)}
        scans = [op for op in store.connection.plan(store.graph_name, text, params) if "Scan" in op]
        if any("Label Scan" in op or "All Node Scan" in op for op in scans):
            scanning[name] = scans
    assert sorted(scanning) == sorted(WHOLE_KIND), scanning
