"""Lookups by uid go through the uid index; only queries that read a whole kind scan one.

FalkorDB indexes ``uid`` on the ``Entity`` label. A pattern such as
``(a:Achievement {uid: $x})`` names only the kind's label, so the planner scans every
achievement instead: at a million entities that cost 48 ms against 0.43 ms through the
index, and 221 ms against 0.88 ms for an enterprise.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from graph_service.ontology import EntityKind, RelationType
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.neo4j import Neo4jStore
from graph_service.store.queries import QueryLibrary
from tests.local_neo4j import Neo4jServer

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
        "introduction_outcomes",  # training, offline: every decided introduction once
        "kind_id_span",  # maintenance: where a kind's recount slices its ids, after bulk writes only
        "kpi_introductions",  # the KPIs: the introductions changed in the period asked for
        "kpi_programme_needs",  # and those of a programme; kpi_needs too, but without one only:
        # FalkorDB folds `$programme = ''` at plan time and seeks the ids of $needs when it is set
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
        "region_scopes",  # every segment's tally is kept for each region: counted at write time
        "segment_uids",  # recounting every segment's tally after a bulk write
        "simulate_enterprises",  # the workflow simulation samples every enterprise with stated needs
        "stats_kinds",
        "stats_regions",
        "stats_relations",
        "workflow_counts",  # after a restore: how many workflow records of each label came back
    }
)
_UID_LOOKUP = re.compile(r"\((\w*)((?::[\w{}]+)+)\s*\{uid:")
_NUMBERS = re.compile(r"limit|per_|first|depth|cap|top|window")


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


def _filter_params(**given: object) -> dict[str, object]:
    page = {"order": "uid", "after_key": "", "after_uid": "", "limit": 21, "kind": EntityKind.SCIENTIST.value}
    return {"fields": [], "needs": [], "flags": [], "text": "", "synthetic": None, **page, **given}


def test_a_page_of_entities_in_a_region_starts_from_the_index(store: EmbeddedStore) -> None:
    """entities(kind, where: {region}) neither scans the kind nor walks each entity's ties.

    At 100k entities the kind scan with a pattern per entity took seconds on a busy machine;
    the kind-and-region index, tens of milliseconds (the commit gives the figures).
    """
    library = QueryLibrary("falkordb")
    params = _filter_params(regions=["成都市", "四川天府新区"])
    for name in ("entities_in_regions", "entities_in_regions_count"):
        plan = store.connection.plan(store.graph_name, library[name].render({"kind": EntityKind.SCIENTIST}), params)
        assert "Node By Index Scan | (n:Entity)" in plan, (name, plan)
        assert not [op for op in plan if "Label Scan" in op or "Traverse" in op or "Apply" in op], (name, plan)


def _neo4j_plan(neo4j: Neo4jStore, text: str, params: dict[str, object]) -> list[str]:
    """Neo4j's plan for a query, one "operator details" line per operator."""
    summary = neo4j._driver.execute_query(f"EXPLAIN {text}", params, database_=neo4j.database).summary
    lines: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        lines.append(f"{node['operatorType']} {node.get('args', {}).get('Details', '')}")
        for child in node.get("children", []):
            walk(child)

    assert summary.plan is not None, "an EXPLAIN carries its plan"
    walk(summary.plan)
    return lines


@pytest.mark.neo4j
def test_neo4j_pages_entities_in_a_region_from_an_index(neo4j_server: Neo4jServer) -> None:
    neo4j = Neo4jStore(
        neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password, database=neo4j_server.database
    )
    try:
        neo4j.clear()  # and the schema in place, once its indexes are online
        neo4j._driver.execute_query("CALL db.awaitIndexes(120)", database_=neo4j.database)
        library = QueryLibrary("neo4j")
        params = _filter_params(regions=["成都市", "四川天府新区"])
        for name in ("entities_in_regions", "entities_in_regions_count"):
            text = library[name].render({"kind": EntityKind.SCIENTIST})
            plan = _neo4j_plan(neo4j, text, params)
            # Which index it seeks is the planner's estimate from the statistics earlier tests left
            # in the session's Neo4j (kind and region, or kind alone where the places hold most of
            # the graph; in one full-suite run neither): any seek on Entity will do, no scan.
            shown = "\n".join([name, *plan])
            assert any(op.startswith("NodeIndexSeek") and "n:Entity(" in op for op in plan), shown
            assert not [op for op in plan if "Scan" in op or "COUNT {" in op], shown
    finally:
        neo4j.close()
