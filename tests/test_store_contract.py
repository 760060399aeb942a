"""The GraphStore contract, run on the embedded engine and on a real Neo4j (tests/local_neo4j.py).

Every named query file is executed here at least once, so none can rot unseen.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from graph_service.errors import QueryError
from graph_service.ontology import EntityKind, RelationType
from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection
from graph_service.store.queries import QueryLibrary
from tests.local_neo4j import Neo4jServer


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request: pytest.FixtureRequest, engine: EngineConnection) -> Iterator[GraphStore]:
    if request.param == "falkordb":
        store: GraphStore = EmbeddedStore(engine, f"contract_{uuid.uuid4().hex[:8]}")
    else:
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        from graph_service.store.neo4j import Neo4jStore

        store = Neo4jStore(
            server.uri,
            user=server.user,
            password=server.password,
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
    store.clear()
    yield store
    store.clear()
    store.close()


def _schema_rule_names() -> list[str]:
    """The rules cypher/neo4j/schema.cypher creates, by name."""
    statements = QueryLibrary("neo4j")["schema"].statements()
    return [m.group(1) for s in statements if (m := re.search(r"(?:INDEX|CONSTRAINT) (\w+) IF NOT EXISTS", s))]


@pytest.mark.neo4j
def test_neo4j_schema_sends_only_the_rules_missing(neo4j_server: Neo4jServer) -> None:
    from graph_service.store.neo4j import Neo4jStore

    with Neo4jStore(
        neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password, database=neo4j_server.database
    ) as store:
        store.clear()
        names = _schema_rule_names()
        assert len(names) == len(QueryLibrary("neo4j")["schema"].statements()) == 19
        before = store.round_trips
        store.ensure_schema()
        assert store.round_trips - before == 1, "every rule is there: only their names are read"
        store._driver.execute_query("DROP INDEX entity_name", database_=store.database)
        store._driver.execute_query("DROP CONSTRAINT change_clock_id", database_=store.database)
        before = store.round_trips
        store.ensure_schema()
        assert store.round_trips - before == 3, "the names, then the two rules missing"
        assert set(names) <= {r["name"] for r in store.read("schema_names")}


# The filter of entities_filtered that matches everything.
ANY: dict[str, Any] = {"regions": [], "fields": [], "needs": [], "flags": [], "text": "", "synthetic": None}


def entity_row(uid: str, kind: EntityKind, **props: Any) -> dict[str, Any]:
    return {
        "uid": uid,
        "kind": kind.value,
        "now": "2026-01-01T00:00:00Z",
        "fingerprint": uid,
        "props": {"uid": uid, "name": props.pop("name", uid), **props},
    }


def seed_small(store: GraphStore) -> None:
    store.write_batches(
        "entity_upsert",
        [
            entity_row("s1", EntityKind.SCIENTIST, name="甲", synthetic=True, region="成都市"),
            entity_row("s2", EntityKind.SCIENTIST),
        ],
        key=lambda r: r["uid"],
        slots={"kind": EntityKind.SCIENTIST},
    )
    store.write_batches(
        "entity_upsert",
        [entity_row("soc", EntityKind.SOCIETY, name="四川省电子学会", search_text="四川 川省 省电 电子 子学 学会")],
        key=lambda r: r["uid"],
        slots={"kind": EntityKind.SOCIETY},
    )
    store.write_batches(
        "entity_upsert",
        [entity_row("sc", EntityKind.REGION, name="四川省"), entity_row("cd", EntityKind.REGION, name="成都市")],
        key=lambda r: r["uid"],
        slots={"kind": EntityKind.REGION},
    )
    store.write_batches(
        "relation_upsert",
        [{"source": "cd", "target": "sc", "props": {}}],
        key=lambda r: (r["source"], r["target"]),
        slots={"rel": RelationType.WITHIN},
    )
    store.write_batches(
        "relation_upsert",
        [{"source": "s1", "target": "soc", "props": {"since": 2020}}, {"source": "s2", "target": "soc", "props": {}}],
        key=lambda r: (r["source"], r["target"]),
        slots={"rel": RelationType.MEMBER_OF},
    )


def test_repeated_keys_in_one_batch_are_written_once_last_wins(any_store: GraphStore) -> None:
    seed_small(any_store)
    rows = [{"source": "s1", "target": "soc", "props": {"since": y}} for y in (2001, 2002, 2003)]
    sent = any_store.write_batches(
        "relation_upsert", rows, key=lambda r: (r["source"], r["target"]), slots={"rel": RelationType.MEMBER_OF}
    )
    assert sent == 1
    exported = any_store.read(
        "export_relations", {"after_source": "", "after_target": "", "limit": 10}, slots={"rel": RelationType.MEMBER_OF}
    )
    assert [(r["source"], r["target"], r["props"].get("since")) for r in exported] == [
        ("s1", "soc", 2003),
        ("s2", "soc", None),
    ]


def test_upsert_is_idempotent_and_keeps_unmentioned_properties(any_store: GraphStore) -> None:
    seed_small(any_store)
    before = any_store.read("entity_get", {"uid": "s1"})[0]["entity"]
    any_store.write(
        "entity_upsert",
        {"rows": [entity_row("s1", EntityKind.SCIENTIST, name="甲")]},
        slots={"kind": EntityKind.SCIENTIST},
    )
    after = any_store.read("entity_get", {"uid": "s1"})[0]["entity"]
    assert after["synthetic"] is True
    assert after["updated_at"] == before["updated_at"]
    assert any_store.read("entities_filtered_count", ANY, slots={"kind": EntityKind.SCIENTIST}) == [{"total": 2}]


def test_neighbour_ties_keep_only_what_the_entities_share(any_store: GraphStore) -> None:
    seed_small(any_store)
    # The society is a neighbour of both scientists: each one's tie to it is returned.
    shared = any_store.read("neighbor_ties", {"uids": ["s1", "s2"]})
    assert sorted((r["uid"], r["other"], r["type"]) for r in shared) == [
        ("s1", "soc", "MEMBER_OF"),
        ("s2", "soc", "MEMBER_OF"),
    ]
    # Asked about one of them, the society ties it to nobody else.
    assert any_store.read("neighbor_ties", {"uids": ["s1"]}) == []
    # A tie between two of them is returned, from both ends.
    direct = any_store.read("neighbor_ties", {"uids": ["s1", "soc"]})
    assert sorted((r["uid"], r["other"], r["outgoing"]) for r in direct) == [("s1", "soc", True), ("soc", "s1", False)]


def test_every_named_query_runs(any_store: GraphStore) -> None:
    """Each query file with parameters that exercise it; a new file without a case fails here."""
    seed_small(any_store)
    sci, member = EntityKind.SCIENTIST, RelationType.MEMBER_OF
    cases: dict[str, tuple[dict[str, Any], dict[str, Any], Any]] = {
        "entity_get": ({"uid": "s1"}, {}, lambda rows: rows[0]["entity"]["name"] == "甲"),
        "entities_get": ({"uids": ["s1", "soc", "nope"]}, {}, lambda rows: len(rows) == 2),
        "entity_kinds": (
            {"uids": ["s1", "soc"]},
            {},
            lambda rows: {r["kind"] for r in rows} == {"Scientist", "Society"},
        ),
        "entities_page": (
            {"after": "s1", "limit": 5},
            {"kind": sci},
            lambda rows: [r["entity"]["uid"] for r in rows] == ["s2"],
        ),
        "graph_snapshot": (
            {},
            {},
            lambda rows: (
                sorted(e["uid"] for e in rows[0]["entities"]) == ["cd", "s1", "s2", "sc", "soc"]
                and sorted((r["type"], r["source"], r["target"], r["props"]) for r in rows[0]["relations"])
                == [
                    ("MEMBER_OF", "s1", "soc", {"since": 2020}),
                    ("MEMBER_OF", "s2", "soc", {}),
                    ("WITHIN", "cd", "sc", {}),
                ]
                and (rows[0]["needs"], rows[0]["introductions"], rows[0]["audit"]) == ([], [], [])
            ),
        ),
        "entities_filtered_count": (
            {**ANY, "regions": ["成都市"]},
            {"kind": sci},
            lambda rows: rows == [{"total": 1}],
        ),
        "entities_filtered": (
            {**ANY, "order": "name", "after_key": "", "after_uid": "", "limit": 5},
            {"kind": sci},
            lambda rows: [(r["entity"]["uid"], r["key"]) for r in rows] == [("s2", "s2"), ("s1", "甲")],
        ),
        "entities_in_regions_count": (
            {**ANY, "regions": ["成都市"], "kind": "Scientist"},
            {"kind": sci},
            lambda rows: rows == [{"total": 1}],
        ),
        "entities_in_regions": (
            {
                **ANY,
                "regions": ["成都市", "四川省"],
                "kind": "Scientist",
                "order": "name",
                "after_key": "",
                "after_uid": "",
                "limit": 5,
            },
            {"kind": sci},
            lambda rows: [(r["entity"]["uid"], r["key"]) for r in rows] == [("s1", "甲")],
        ),
        "entities_in_fields_count": (
            {**ANY, "fields": ["nope"], "kind": "Scientist"},
            {"kind": sci},
            lambda rows: rows == [{"total": 0}],
        ),
        "entities_in_fields": (
            {**ANY, "needs": ["nope"], "order": "uid", "after_key": "", "after_uid": "", "limit": 5},
            {"kind": sci},
            lambda rows: rows == [],
        ),
        "field_narrower": ({"field": "nope"}, {}, lambda rows: rows == []),
        "field_family": ({"fields": ["nope"]}, {}, lambda rows: rows == []),
        "field_roster_members": ({"fields": ["nope"], "per_kind": 5}, {"kind": sci}, lambda rows: rows == []),
        "field_roster_set": ({"rows": []}, {}, lambda rows: rows == [{"written": 0}]),
        "field_rosters": ({"fields": ["nope"]}, {}, lambda rows: rows == []),
        "field_rosters_holding": ({"uid": "s1"}, {}, lambda rows: rows == []),
        "field_uids": ({}, {}, lambda rows: rows == []),
        "bench_raw_entities": ({"rows": []}, {"kind": sci}, lambda rows: rows == [{"written": 0}]),
        "relation_create": ({"rows": []}, {"rel": member}, lambda rows: rows == [{"written": 0}]),
        "regions_tree": (
            {},
            {},
            lambda rows: sorted((r["name"], r["within"]) for r in rows) == [("四川省", []), ("成都市", ["四川省"])],
        ),
        "recommend_focus": (
            {"uid": "s1"},
            {},
            lambda rows: rows[0]["entity"]["uid"] == "s1" and [p["uid"] for p in rows[0]["partners"]] == ["soc"],
        ),
        "recommend_topic": (
            {"fields": ["nope"], "kinds": ["Scientist"], "uid": "s1", "regions": [], "per_field": 5},
            {},
            lambda rows: rows == [],
        ),
        "recommend_network": (
            {"uid": "s1", "ties": ["MEMBER_OF"], "kinds": ["Scientist"], "per_via": 5, "degree_cap": 100},
            {},
            lambda rows: (
                [(r["uid"], r["kind"], [(v["via"], v["degree"]) for v in r["vias"]]) for r in rows]
                == [("s2", "Scientist", [("soc", 2)])]
            ),
        ),
        # s1 - soc - s2 ends there, and a walk does not come back to its first middle.
        "recommend_bridges": (
            {"uid": "s1", "ties": ["MEMBER_OF"], "kinds": ["Scientist", "Society"], "per_via": 5, "degree_cap": 100},
            {},
            lambda rows: rows == [],
        ),
        "kind_popular": (
            {"ties": ["MEMBER_OF"], "top": 5, "low": 0, "high": 2**40},
            {"kind": sci},
            lambda rows: sorted((r["uid"], r["degree"]) for r in rows) == [("s1", 1), ("s2", 1)],
        ),
        "kind_id_span": (
            {},
            {"kind": sci},
            lambda rows: rows[0]["members"] == 2 and 0 <= rows[0]["low"] < rows[0]["high"],
        ),
        "popular_degrees": (
            {"uids": ["s1", "soc", "nope"], "ties": ["MEMBER_OF"]},
            {},
            lambda rows: (
                sorted((r["uid"], r["kind"], r["degree"]) for r in rows)
                == [("s1", "Scientist", 1), ("soc", "Society", 2)]
            ),
        ),
        "popular_set": (
            {"rows": [{"kind": "Scientist", "uids": ["s1"], "regions": [""], "degrees": [1]}]},
            {},
            lambda rows: rows == [{"written": 1}],
        ),
        "popular_get": ({"kinds": ["Investor"]}, {}, lambda rows: rows == []),
        "recommend_profiles": (
            {"uids": ["s2"], "ties": ["MEMBER_OF"], "degree_cap": 100, "record_cap": 10},
            {},
            lambda rows: (
                [(r["entity"]["uid"], r["transferred"], r["portfolio"], r["degree"]) for r in rows] == [("s2", 0, 0, 1)]
            ),
        ),
        "recommend_records": (
            {"uids": ["s1", "nope"]},
            {},
            lambda rows: rows == [{"uid": "s1", "transfers": [], "portfolio": 0, "portfolio_sample": []}],
        ),
        "need_field_texts": ({"fields": ["nope"], "per_field": 5}, {}, lambda rows: rows == []),
        "ranker_model_get": ({"key": "k"}, {}, lambda rows: rows == []),
        "ranker_model_put": (
            {
                "key": "k",
                "model": "{}",
                "kind": "logistic",
                "year": 2025,
                "trained_at": "2025-01-01T00:00:00+00:00",
                "examples": 10,
            },
            {},
            lambda rows: rows == [{"version": 1}],
        ),
        "neighbor_ties": (
            {"uids": ["s1", "s2"]},
            {},
            lambda rows: (
                sorted((r["uid"], r["other"], r["outgoing"]) for r in rows)
                == [("s1", "soc", True), ("s2", "soc", True)]
            ),
        ),
        "chain_segments": ({"chain": "nope"}, {}, lambda rows: rows == []),
        "segment_uids": ({}, {}, lambda rows: rows == []),
        "region_scopes": (
            {},
            {},
            lambda rows: sorted((r["name"], r["within"]) for r in rows) == [("四川省", ["成都市"]), ("成都市", [])],
        ),
        "segments_near": ({"uids": ["s1", "nope"]}, {}, lambda rows: rows == [{"actors": [], "talent": []}]),
        "segment_fields": ({"segments": ["nope"]}, {}, lambda rows: rows == []),
        "segment_tally_talent": ({"segments": [{"uid": "x", "fields": ["nope"]}]}, {}, lambda rows: rows == []),
        "segment_tally_ticket": ({"segments": ["nope"]}, {}, lambda rows: rows == []),
        "segment_tally_set": (
            {"rows": [{"segment": "nope", "ticket": 1, "actors": "{}", "talent": None}]},
            {},
            lambda rows: rows == [{"written": 0}],
        ),
        "segment_enterprises": ({"segment": "nope", "regions": []}, {}, lambda rows: rows == []),
        "chain_segment_actors": (
            {"segments": ["nope"], "regions": []},
            {},
            lambda rows: rows == [],
        ),
        "chain_segment_talent": (
            {"segments": [{"uid": "seg", "fields": []}], "regions": []},
            {},
            lambda rows: rows == [{"segment": "seg", "scientists": 0, "institutions": 0, "workstations": 0}],
        ),
        "talent_chain": ({"chain": "nope"}, {}, lambda rows: rows == []),
        "talent_segment_places": (
            {"segments": [{"uid": "seg", "fields": ["nope"]}], "kinds": ["Scientist"], "senior_titles": ["教授"]},
            {},
            lambda rows: rows == [],
        ),
        "talent_segment_orgs": (
            {"segments": [{"uid": "seg", "fields": ["nope"]}], "regions": ["成都市"], "top": 3},
            {},
            lambda rows: rows == [],
        ),
        "workstation_activity": (
            {"regions": [], "station_kinds": ["academician"], "since": 2020},
            {},
            lambda rows: rows == [],
        ),
        "workstation_academician_fields": ({}, {}, lambda rows: rows == []),
        "workstation_candidate_enterprises": ({"fields": ["nope"], "regions": []}, {}, lambda rows: rows == []),
        "workstation_candidate_institutions": ({"fields": ["nope"], "regions": []}, {}, lambda rows: rows == []),
        "transfer_anchor": ({"uid": "s1"}, {}, lambda rows: rows == [{"kind": "Scientist", "achievements": []}]),
        "transfer_chains": ({"achievements": ["nope"]}, {}, lambda rows: rows == []),
        "transfer_onward": ({"enterprises": ["ent"]}, {}, lambda rows: rows == []),
        "transfer_inward": ({"enterprises": ["ent"]}, {}, lambda rows: rows == []),
        "analytics_nodes": (
            {"kinds": ["Society"], "regions": []},
            {},
            lambda rows: rows == [{"uid": "soc", "kind": "Society", "name": "四川省电子学会"}],
        ),
        "analytics_edges": (
            {"types": ["MEMBER_OF"], "kinds": ["Scientist", "Society"], "regions": ["成都市"]},
            {},
            lambda rows: rows == [],
        ),
        "graph_version": ({}, {}, lambda rows: rows[0]["nodes"] == 5 and rows[0]["relationships"] == 3),
        "transfer_broken": ({"chain": "nope"}, {}, lambda rows: rows == []),
        "relation_exists": ({"source": "s1", "target": "soc"}, {"rel": member}, lambda rows: rows == [{"found": 1}]),
        "stats_kinds": (
            {"regions": []},
            {},
            lambda rows: (
                {(r["kind"], r["total"], r["synthetic"]) for r in rows}
                == {("Scientist", 2, 1), ("Society", 1, 0), ("Region", 2, 0)}
            ),
        ),
        "stats_relations": ({"regions": ["成都市"]}, {}, lambda rows: rows == [{"type": "MEMBER_OF", "total": 1}]),
        "stats_regions": ({}, {}, lambda rows: rows == [{"region": "成都市", "total": 1}]),
        "overview_counts": (
            {"regions": ["成都市"]},
            {},
            lambda rows: (
                rows
                == [
                    {
                        "workstations": 0,
                        "societies_5a": 0,
                        "enterprise_associations": 0,
                        "enterprises": 0,
                        "chain_leaders": 0,
                        "specialised": 0,
                        "partner_units": 0,
                    }
                ]
            ),
        ),
        "overview_transfers": ({"regions": ["成都市"]}, {}, lambda rows: rows == []),
        "overview_chains": ({"regions": ["成都市"]}, {}, lambda rows: rows == []),
        "region_aliases": (
            {},
            {},
            lambda rows: (
                [(r["name"], r["name_en"], r["aliases"]) for r in rows]
                == [("四川省", None, None), ("成都市", None, None)]
            ),
        ),
        "region_names": ({"region": "四川省"}, {}, lambda rows: rows == [{"name": "四川省", "within": ["成都市"]}]),
        "search": (
            {"terms": ["电子", "学会"], "kinds": [], "limit": 5, "window": 100, "any": False},
            {},
            lambda rows: [r["entity"]["uid"] for r in rows] == ["soc"],
        ),
        "entity_search_sample": ({"limit": 5}, {}, lambda rows: [r["uid"] for r in rows] == ["soc"]),
        "entity_search_text_set": (
            {"rows": [{"uid": "soc", "search_text": "电子 学会"}]},
            {},
            lambda rows: rows == [{"written": 1}],
        ),
        "neighbors_expand": (
            {"uids": ["soc"], "rel_types": ["MEMBER_OF"], "kinds": ["Scientist"], "endpoints": [], "per_node": 1},
            {},
            lambda rows: [(r["source"], r["target"], r["node"]["uid"]) for r in rows] == [("s1", "soc", "s1")],
        ),
        "neighbors_sample": (
            {"uids": ["soc"], "rel_types": ["MEMBER_OF"], "kinds": [], "endpoints": [], "per_node": 5},
            {},
            lambda rows: (
                [(r["from_uid"], r["source"], r["node"]["uid"]) for r in rows]
                == [("soc", "s1", "s1"), ("soc", "s2", "s2")]
            ),
        ),
        "links_out_page": (
            {"parents": ["s1", "s2"], "after": "", "limit": 5, "kinds": []},
            {"rel": member},
            lambda rows: (
                sorted((r["parent"], r["node"]["uid"], r["source"]) for r in rows)
                == [("s1", "soc", "s1"), ("s2", "soc", "s2")]
            ),
        ),
        "links_in_page": (
            {"parents": ["soc"], "after": "s1", "limit": 5, "kinds": ["Scientist"]},
            {"rel": member},
            lambda rows: [(r["node"]["uid"], r["props"]) for r in rows] == [("s2", {})],
        ),
        "links_both_page": (
            {"parents": ["soc"], "after": "", "limit": 1, "kinds": []},
            {"rel": member},
            lambda rows: [(r["node"]["uid"], r["props"]) for r in rows] == [("s1", {"since": 2020})],
        ),
        "links_out_count": (
            {"parents": ["s1", "soc"], "kinds": []},
            {"rel": member},
            lambda rows: sorted((r["parent"], r["total"]) for r in rows) == [("s1", 1), ("soc", 0)],
        ),
        "links_in_count": (
            {"parents": ["soc"], "kinds": ["Society"]},
            {"rel": member},
            lambda rows: rows == [{"parent": "soc", "total": 0}],
        ),
        "links_both_count": (
            {"parents": ["soc"], "kinds": []},
            {"rel": member},
            lambda rows: rows == [{"parent": "soc", "total": 2}],
        ),
        "export_relations": (
            {"after_source": "s1", "after_target": "soc", "limit": 5},
            {"rel": member},
            lambda rows: [(r["source"], r["target"]) for r in rows] == [("s2", "soc")],
        ),
        "entity_create": ({"rows": [entity_row("s4", sci)]}, {"kind": sci}, lambda rows: rows == [{"written": 1}]),
        "entity_upsert": ({"rows": [entity_row("s3", sci)]}, {"kind": sci}, lambda rows: rows == [{"written": 1}]),
        "relation_upsert": (
            {"rows": [{"source": "s3", "target": "soc", "props": {}}]},
            {"rel": member},
            lambda rows: rows == [{"written": 1}],
        ),
        "relation_delete": ({"source": "s3", "target": "soc"}, {"rel": member}, lambda rows: rows == [{"deleted": 1}]),
        "entity_delete": ({"uid": "s3"}, {}, lambda rows: rows == [{"deleted": 1}]),
        "ping": ({}, {}, lambda rows: rows == [{"ok": 1}]),
        "service_team_region": ({"regions": ["成都市"]}, {}, lambda rows: rows == []),
        "service_team_park": ({"park": "nope"}, {}, lambda rows: rows == []),
        "service_team_chain": ({"chain": "nope"}, {}, lambda rows: rows == []),
        "service_team_experts": ({"fields": ["nope"]}, {"kind": sci}, lambda rows: rows == []),
        "service_team_fields": (
            {"uids": ["s1", "nope"]},
            {},
            lambda rows: rows == [{"uid": "s1", "kind": "Scientist", "fields": []}],
        ),
        "programme_partners": (
            {"programme": "soc"},
            {},
            lambda rows: [(r["kind"], r["name"], r["partners"]) for r in rows] == [("Society", "四川省电子学会", [])],
        ),
        "programme_reach": (
            {"uids": ["s1"]},
            {},
            lambda rows: (
                [(r["uid"], r["segments"], r["fields"], r["districts"]) for r in rows] == [("s1", [], [], ["成都市"])]
            ),
        ),
        "programme_universe": (
            {"kinds": ["Region"]},
            {},
            lambda rows: sorted((r["uid"], r["name"]) for r in rows) == [("cd", "成都市"), ("sc", "四川省")],
        ),
        "programme_candidates": (
            {"segments": [], "fields": [], "districts": ["成都市"], "kinds": ["Scientist"]},
            {},
            lambda rows: rows == [{"uid": "s1", "reach": "district", "item": "成都市"}],
        ),
        # The workflow's records; the writes run after the reads, in this order.
        "need_get": ({"id": "need:c1"}, {}, lambda rows: rows == []),
        "needs_get": ({"ids": ["need:c1"]}, {}, lambda rows: rows == []),
        "needs_page": (
            {
                "before": 2**62,
                "enterprise": "",
                "statuses": ["open"],
                "confidentialities": [],
                "regions": [],
                "fields": [],
                "limit": 5,
            },
            {},
            lambda rows: rows == [],
        ),
        "needs_overdue": ({"statuses": ["open"], "today": "2026-01-01"}, {}, lambda rows: rows == []),
        "introduction_get": ({"id": "intro:c1"}, {}, lambda rows: rows == []),
        "introductions_page": (
            {
                "before": 2**62,
                "enterprise": "s1",
                "need": "",
                "partner": "",
                "statuses": [],
                "confidentialities": ["public"],
                "limit": 5,
            },
            {},
            lambda rows: rows == [],
        ),
        "audit_page": ({"before": 2**62, "record": "", "limit": 5}, {}, lambda rows: rows == []),
        "introduction_outcomes": ({"statuses": ["agreed", "declined"]}, {}, lambda rows: rows == []),
        "workflow_counts": (
            {},
            {},
            lambda rows: rows == [{"needs": 0, "introductions": 0, "audit": 0, "events": 0}],
        ),
        "changes_page": (
            {"after": 0, "enterprise": "", "confidentialities": [], "limit": 5},
            {},
            lambda rows: rows == [],
        ),
        "changes_latest": (
            {"enterprise": "s1", "confidentialities": ["public"], "limit": 5},
            {},
            lambda rows: rows == [],
        ),
        "needs_candidates_due": ({"statuses": ["open"], "version": "v1"}, {}, lambda rows: rows == []),
        # The KPIs' dates, read before any record exists (tests/test_workflow_kpis.py checks the figures).
        "kpi_needs": (
            {
                "start": "2026-08-31T16:00:00.000Z",
                "end": "2026-11-30T16:00:00.000Z",
                "regions": ["成都市"],
                "confidentialities": [],
                "programme": "",
                "needs": [],
            },
            {},
            lambda rows: rows == [],
        ),
        "kpi_introductions": (
            {
                "start": "2026-08-31T16:00:00.000Z",
                "end": "2026-11-30T16:00:00.000Z",
                "regions": [],
                "confidentialities": ["public"],
                "programme": "",
            },
            {},
            lambda rows: rows == [],
        ),
        "kpi_programme_needs": ({"programme": "soc"}, {}, lambda rows: rows == []),
        "simulate_enterprises": ({"limit": 5}, {}, lambda rows: rows == []),  # no NEEDS in the small graph
        "need_create": (
            {
                "need": {"id": "need:c1", "seq": 1, "status": "open", "history": ["{}"]},
                "audit": {"id": "audit:c1"},
                "event": {"id": "event:c1"},
            },
            {},
            lambda rows: rows[0]["need"] == {"id": "need:c1", "seq": 1, "status": "open", "history": ["{}"]},
        ),
        "need_transition": (
            {
                "id": "need:c1",
                "from": "open",
                "changes": {"status": "met"},
                "step": "[]",
                "audit": {"id": "audit:c2"},
                "event": {"id": "event:c2"},
            },
            {},
            lambda rows: (rows[0]["need"]["status"], rows[0]["need"]["history"]) == ("met", ["{}", "[]"]),
        ),
        "need_edit": (
            {
                "id": "need:c1",
                "from": "x",
                "changes": {"text": "改"},
                "step": "{}",
                "audit": {"id": "audit:c8"},
                "event": {"id": "event:c8"},
            },
            {},
            lambda rows: rows == [],  # not in status x: nothing is edited
        ),
        "introduction_create": (
            {
                "introduction": {"id": "intro:c1", "status": "met", "history": []},
                "audit": {"id": "audit:c3"},
                "event": {"id": "event:c3"},
                # need:c1 is met by now, so the move of an open need does not happen.
                "docking": [
                    {
                        "id": "need:c1",
                        "from": "open",
                        "changes": {"status": "in_docking"},
                        "step": "{}",
                        "audit": {"id": "audit:c7"},
                        "event": {"id": "event:c7"},
                    }
                ],
            },
            {},
            lambda rows: (rows[0]["introduction"]["status"], rows[0]["docked"]) == ("met", 0),
        ),
        "introduction_transition": (
            {
                "id": "intro:c1",
                "from": "x",
                "changes": {"status": "y"},
                "step": "{}",
                "audit": {"id": "audit:c4"},
                "event": {"id": "event:c4"},
            },
            {},
            lambda rows: rows == [],  # not in status x: nothing moves
        ),
        "introduction_agree": (
            {
                "id": "intro:c1",
                "from": "met",
                "source": "s1",
                "target": "s2",
                "props": {"year": 2026},
                "changes": {"status": "agreed"},
                "step": "{}",
                "audit": {"id": "audit:c5"},
                "event": {"id": "event:c5"},
            },
            {"rel": RelationType.COLLABORATED_WITH},
            lambda rows: rows[0]["introduction"]["status"] == "agreed" and rows[0]["introduction"]["history"] == ["{}"],
        ),
        "need_restore": (
            {"rows": [{"id": "need:r1", "props": {"id": "need:r1", "status": "open"}}]},
            {},
            lambda rows: rows == [{"written": 1}],
        ),
        "introduction_restore": (
            {"rows": [{"id": "intro:r1", "props": {"id": "intro:r1"}}]},
            {},
            lambda rows: rows == [{"written": 1}],
        ),
        "audit_restore": (
            {"rows": [{"id": "audit:r1", "props": {"id": "audit:r1"}}]},
            {},
            lambda rows: rows == [{"written": 1}],
        ),
        "event_restore": (
            {"rows": [{"id": "event:r1", "props": {"id": "event:r1", "seq": 1}}]},
            {},
            lambda rows: rows == [{"written": 1}],
        ),
        "need_candidates_set": (
            {
                "id": "need:c1",
                "seen": "",
                "statuses": ["met"],
                "uids": ["s1"],
                "version": "v1",
                "events": [{"id": "event:c6", "seq": 2}],
            },
            {},
            lambda rows: rows == [{"id": "need:c1", "written": 1}],
        ),
    }
    if any_store.engine == "neo4j":
        cases["jvm_heap"] = ({}, {}, lambda rows: 0 < rows[0]["used"] <= rows[0]["max"])
        # Every rule schema.cypher names, the constraints' by their backing indexes.
        cases["schema_names"] = ({}, {}, lambda rows: set(_schema_rule_names()) <= {r["name"] for r in rows})
    special = {"schema", "graph_clear"}  # run by ensure_schema() and clear() in the fixture
    library = QueryLibrary(any_store.engine)
    assert set(library.names()) - special == set(cases), "every query file needs a case here"
    writes = {
        "ranker_model_put",
        "entity_upsert",
        "relation_upsert",
        "relation_delete",
        "entity_delete",
        "field_roster_set",
        "popular_set",
        "entity_search_text_set",
        "bench_raw_entities",
        "relation_create",
        "entity_create",
        "need_create",
        "need_transition",
        "need_edit",
        "introduction_create",
        "introduction_transition",
        "introduction_agree",
        "need_restore",
        "introduction_restore",
        "audit_restore",
        "event_restore",
        "need_candidates_set",
        "segment_tally_ticket",
        "segment_tally_set",
    }
    for name in [n for n in cases if n not in writes] + [n for n in cases if n in writes]:
        params, slots, check = cases[name]
        run = any_store.write if name in writes else any_store.read
        rows = run(name, params, slots=slots)
        assert check(rows), f"{name} returned {rows}"


def test_engine_errors_are_translated(any_store: GraphStore) -> None:
    with pytest.raises(QueryError):
        any_store.read("entities_page", {"after": "", "limit": "not a number"}, slots={"kind": EntityKind.SCIENTIST})


def test_a_uid_is_unique_across_kinds(any_store: GraphStore) -> None:
    seed_small(any_store)
    with pytest.raises(QueryError):
        any_store.write(
            "entity_upsert", {"rows": [entity_row("s1", EntityKind.SOCIETY)]}, slots={"kind": EntityKind.SOCIETY}
        )
    assert any_store.read("entity_kinds", {"uids": ["s1"]}) == [{"uid": "s1", "kind": "Scientist"}]


def test_engine_info_says_what_the_engine_holds(any_store: GraphStore) -> None:
    """FalkorDB's used_memory, Neo4j's heap in use: the metrics and the engines benchmark print it."""
    info = any_store.engine_info()
    assert info["engine"] == any_store.engine
    assert info["used_memory_bytes"] > 0
