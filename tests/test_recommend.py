"""Partner and team recommendations over HTTP on the demo ecosystem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.domain.recommendation import Recommendation
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.match import recommend
from graph_service.services.match.scoring import Place, geography, stage_fit, topic_fit
from graph_service.services.seed import load_demo
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection
from tests.api_client import api_client

RECOMMEND = """query($for: String!, $kinds: [EntityKind!], $need: NeedInput, $weights: WeightsInput,
                     $existing: Boolean! = false, $first: Int! = 10) {
  recommendPartners(for: $for, kinds: $kinds, need: $need, weights: $weights,
                    includeExisting: $existing, first: $first) {
    score existing partner { uid kind name region }
    components { name score weight }
    reasons { component zh en evidence { nodes edges { source type target } } } } }"""
TEAM = """query($for: String!, $need: NeedInput) { recommendTeam(for: $for, need: $need, first: 3) {
  score cohesion reasons { zh evidence { nodes edges { source type target } } }
  members { score partner { uid kind name } } } }"""


@pytest.fixture(scope="module")
def demo(engine: EngineConnection) -> Iterator[tuple[TestClient, EmbeddedStore]]:
    store = EmbeddedStore(engine, "demo_recommend")
    store.clear()
    load_demo(store, synthetic_size=3000)
    with api_client(store=store) as client:
        yield client, store
    engine.delete_graph("demo_recommend")


def gql(client: TestClient, query: str, **variables: Any) -> Any:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in body, body.get("errors")
    return next(iter(body["data"].values()))


def error_code(client: TestClient, query: str, **variables: Any) -> str:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    return str(body["errors"][0]["extensions"]["code"])


def an_enterprise_with_partners(store: EmbeddedStore) -> str:
    rows = store.read(
        "links_in_page",
        {"parents": ["programme:kechuang-partner"], "after": "syn:ent", "limit": 50, "kinds": ["Enterprise"]},
        slots={"rel": RelationType.PARTNER_OF},
    )
    for row in rows:
        uid = str(row["node"]["uid"])
        served = store.read("links_in_count", {"parents": [uid], "kinds": []}, slots={"rel": RelationType.SERVES})
        if served[0]["total"]:
            return uid
    raise AssertionError("the demo ecosystem has no enterprise with partners")


def assert_evidence_exists(store: EmbeddedStore, reasons: list[dict[str, Any]]) -> None:
    for reason in reasons:
        assert reason["evidence"], reason
        for path in reason["evidence"]:
            found = {r["entity"]["uid"] for r in store.read("entities_get", {"uids": path["nodes"]})}
            assert found == set(path["nodes"]), reason["zh"]
            for edge in path["edges"]:
                assert {edge["source"], edge["target"]} <= set(path["nodes"]), reason["zh"]
                rows = store.read("relation_exists", edge, slots={"rel": RelationType(edge["type"])})
                assert rows[0]["found"] == 1, (reason["zh"], edge)


def test_recommendations_are_explained_by_evidence_that_exists(demo: tuple[TestClient, EmbeddedStore]) -> None:
    client, store = demo
    uid = an_enterprise_with_partners(store)
    recs = gql(client, RECOMMEND, **{"for": uid})
    assert len(recs) == 10
    assert [r["score"] for r in recs] == sorted((r["score"] for r in recs), reverse=True)
    for rec in recs:
        assert 0 <= rec["score"] <= 1
        assert all(0 <= c["score"] <= 1 for c in rec["components"])
        assert rec["reasons"], rec["partner"]
        assert all(r["zh"] and r["en"] for r in rec["reasons"])
        assert_evidence_exists(store, rec["reasons"])
    assert gql(client, RECOMMEND, **{"for": uid}) == recs, "deterministic order"


def test_existing_partners_are_excluded_unless_asked(demo: tuple[TestClient, EmbeddedStore]) -> None:
    client, store = demo
    uid = an_enterprise_with_partners(store)
    agencies = store.read(
        "links_in_page", {"parents": [uid], "after": "", "limit": 10, "kinds": []}, slots={"rel": RelationType.SERVES}
    )
    existing = {row["node"]["uid"] for row in agencies}
    plain = gql(client, RECOMMEND, **{"for": uid, "kinds": ["SERVICE_AGENCY"], "first": 50})
    assert not existing & {r["partner"]["uid"] for r in plain}
    included = gql(client, RECOMMEND, **{"for": uid, "kinds": ["SERVICE_AGENCY"], "first": 50, "existing": True})
    flagged = {r["partner"]["uid"] for r in included if r["existing"]}
    assert existing <= flagged


def test_weights_change_the_order_as_documented(demo: tuple[TestClient, EmbeddedStore]) -> None:
    client, store = demo
    uid = an_enterprise_with_partners(store)
    zero = {"topic": 0, "network": 0, "geography": 0, "credibility": 0, "stage": 0, "complementarity": 0}
    by_credibility = gql(client, RECOMMEND, **{"for": uid, "weights": {**zero, "credibility": 1}, "first": 20})
    credibility = [next(c["score"] for c in r["components"] if c["name"] == "credibility") for r in by_credibility]
    assert credibility == sorted(credibility, reverse=True)
    assert [r["score"] for r in by_credibility] == credibility
    by_topic = gql(client, RECOMMEND, **{"for": uid, "weights": {**zero, "topic": 1}, "first": 20})
    assert [r["partner"]["uid"] for r in by_topic] != [r["partner"]["uid"] for r in by_credibility]


def test_cold_start_with_a_stated_need(demo: tuple[TestClient, EmbeddedStore]) -> None:
    client, _ = demo
    created = gql(
        client,
        """mutation { upsertEntity(input: {kind: ENTERPRISE, uid: "ent:cold", name: "新设企业",
             properties: {region: "成都市", stage: "seed"}}) { __typename } }""",
    )
    assert created == {"__typename": "EntityPayload"}
    recs = gql(client, RECOMMEND, **{"for": "ent:cold", "need": {"text": "功率半导体"}})
    assert recs
    assert all(next(c["score"] for c in r["components"] if c["name"] == "topic") > 0 for r in recs)
    assert any("功率半导体" in reason["zh"] or "集成电路" in reason["zh"] for r in recs for reason in r["reasons"])


def test_team_is_one_scientist_agency_and_investor_all_distinct(demo: tuple[TestClient, EmbeddedStore]) -> None:
    client, store = demo
    uid = an_enterprise_with_partners(store)
    teams = gql(client, TEAM, **{"for": uid})
    assert teams
    for team in teams:
        kinds = [m["partner"]["kind"] for m in team["members"]]
        assert kinds[:3] == ["SCIENTIST", "SERVICE_AGENCY", "INVESTOR"]
        assert set(kinds[3:]) <= {"WORKSTATION", "SOCIETY"}
        uids = [m["partner"]["uid"] for m in team["members"]]
        assert len(set(uids)) == len(uids)
        assert 0 <= team["cohesion"] <= 1
        assert_evidence_exists(store, team["reasons"])
    assert [t["score"] for t in teams] == sorted((t["score"] for t in teams), reverse=True)


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"for": "nobody"}, "NOT_FOUND"),
        ({"for": "society:chengdu-cast", "kinds": ["FIELD"]}, "INVALID_INPUT"),
        ({"for": "society:chengdu-cast", "kinds": ["DRAGON"]}, "INVALID_INPUT"),
        ({"for": "society:chengdu-cast", "need": {"fields": [], "text": ""}}, "INVALID_INPUT"),
        ({"for": "society:chengdu-cast", "need": {"fields": ["field:nope"]}}, "INVALID_INPUT"),
        ({"for": "society:chengdu-cast", "first": 51}, "LIMIT_EXCEEDED"),
        ({"for": "society:chengdu-cast", "weights": {"topic": -1}}, "INVALID_INPUT"),
    ],
)
def test_bad_inputs_get_clear_errors(
    demo: tuple[TestClient, EmbeddedStore], variables: dict[str, Any], code: str
) -> None:
    client, _ = demo
    assert error_code(client, RECOMMEND, **variables) == code


def test_scoring_components_by_hand() -> None:
    from graph_service.services.match.scoring import FieldFamily

    family = {"f:igbt": FieldFamily("f:igbt", "IGBT", "f:power", frozenset({"f:igbt", "f:sic"}), frozenset())}
    assert topic_fit({"f:igbt": 1.0}, family, ["f:sic"])[0] == 0.5
    assert topic_fit({"f:igbt": 1.0}, family, ["f:igbt", "f:x"])[0] == 1.0
    assert topic_fit({"f:igbt": 1.0}, family, ["f:x"])[0] == 0.0
    tree = {
        "高新区": ("成都市",),
        "成都市": ("四川省",),
        "永川区": ("重庆市",),
        "重庆市": ("成渝",),
        "四川省": ("成渝",),
    }
    assert geography(Place("高新区", frozenset({"p"})), Place("成都市", frozenset({"p"})), tree) == (1.0, "p")
    assert geography(Place("高新区"), Place("成都市"), tree) == (0.6, "成都市")
    assert geography(Place("高新区"), Place("永川区"), tree) == (0.3, "成渝")
    assert stage_fit("growth", ["seed"]) == 0.1


def test_the_pool_keeps_the_best_and_a_floor_of_every_kind() -> None:
    # 400 enterprises in the field outrank 30 scientists and 2 investors.
    topic = {f"e{i:03}": [{"field": "f", "weight": 2.0 - i / 1000}] for i in range(400)}
    topic |= {f"s{i:02}": [{"field": "f", "weight": 0.5}] for i in range(30)}
    network = {"v1": [], "v2": []}
    kind_of = {u: "Enterprise" for u in topic if u.startswith("e")}
    kind_of |= {u: "Scientist" for u in topic if u.startswith("s")} | {"v1": "Investor", "v2": "Investor"}
    kept = recommend._best_of_each_kind(set(kind_of), topic, network, kind_of)
    assert len(kept) == recommend.POOL
    assert {"v1", "v2"} <= kept
    assert sum(u.startswith("s") for u in kept) == recommend.POOL_PER_KIND
    enterprises = sorted(u for u in kept if u.startswith("e"))
    assert enterprises == [f"e{i:03}" for i in range(len(enterprises))]


def test_keeping_the_first_of_each_kind_equals_the_full_scoring(demo: tuple[TestClient, EmbeddedStore]) -> None:
    _, store = demo
    uid = an_enterprise_with_partners(store)
    shown = recommend.recommend_partners(store, uid, first=7)
    every = recommend.score_candidates(store, uid)
    assert shown == every[:7]
    assert all(r.reasons for r in every)
    kept = recommend.score_candidates(store, uid, keep=2)
    # The first two of each kind, in order, exactly as the full scoring gives them.
    first_two: list[Recommendation] = []
    per_kind: Counter[EntityKind] = Counter()
    for r in every:
        per_kind[r.partner.kind] += 1
        if per_kind[r.partner.kind] <= 2:
            first_two.append(r)
    assert kept == first_two
    assert len(first_two) < len(every)
