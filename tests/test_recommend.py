"""Partner and team recommendations over HTTP on the demo ecosystem, on both engines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.domain.recommendation import Recommendation
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.explore.paths import WARM_TIES
from graph_service.services.match import candidates, recommend
from graph_service.services.match.scoring import DEGREE_CAP, Place, geography, stage_fit, topic_fit
from graph_service.services.match.team import recommend_team
from graph_service.services.seed import load_demo
from graph_service.store import GraphStore
from tests.api_client import api_client
from tests.raw_cypher import read_raw

pytestmark = pytest.mark.both_engines

RECOMMEND = """query($for: String!, $kinds: [EntityKind!], $need: NeedInput, $weights: WeightsInput,
                     $existing: Boolean! = false, $first: Int! = 10) {
  recommendPartners(for: $for, kinds: $kinds, need: $need, weights: $weights,
                    includeExisting: $existing, first: $first) {
    score existing partner { uid kind name region }
    components { name score weight }
    reasons { component zh en basis evidence { nodes edges { source type target } }
              attributes { entity name value } } } }"""
TEAM = """query($for: String!, $need: NeedInput) { recommendTeam(for: $for, need: $need, first: 3) {
  score cohesion missing reasons { zh en basis evidence { nodes edges { source type target } }
                                   attributes { entity name value } }
  members { score partner { uid kind name } } } }"""


@pytest.fixture(scope="module")
def demo(module_store: GraphStore) -> Iterator[tuple[TestClient, GraphStore]]:
    load_demo(module_store, synthetic_size=3000)
    with api_client(store=module_store) as client:
        yield client, module_store


def gql(client: TestClient, query: str, **variables: Any) -> Any:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in body, body.get("errors")
    return next(iter(body["data"].values()))


def error_code(client: TestClient, query: str, **variables: Any) -> str:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    return str(body["errors"][0]["extensions"]["code"])


def an_enterprise_with_partners(store: GraphStore) -> str:
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


def social_degree(store: GraphStore, uid: str, *, cap: int) -> str:
    """How many social ties ``uid`` has, counted type by type; "cap+" at the cap or beyond."""
    total = 0
    for rel in WARM_TIES:
        rows = store.read("links_both_count", {"parents": [uid], "kinds": []}, slots={"rel": rel})
        total += int(rows[0]["total"])
    return f"{cap}+" if total >= cap else str(total)


def assert_attributes_recorded(store: GraphStore, reason: dict[str, Any]) -> None:
    """An attribute reason shows values that are recorded on the entities it names."""
    assert reason["attributes"], reason
    for attribute in reason["attributes"]:
        rows = store.read("entities_get", {"uids": [attribute["entity"]]})
        assert rows, reason["zh"]
        name, value = attribute["name"], attribute["value"]
        if name.startswith("partners of kind "):
            continue  # a count of ties, checked by the complementarity test
        if name == "ties":
            assert value == str(social_degree(store, attribute["entity"], cap=DEGREE_CAP)), reason["zh"]
            continue
        recorded = rows[0]["entity"].get(name)
        shown = ", ".join(recorded) if isinstance(recorded, list) else str(recorded).lower()
        assert shown == value, (reason["zh"], name, recorded, value)


def assert_evidence_exists(store: GraphStore, reasons: list[dict[str, Any]]) -> None:
    for reason in reasons:
        if reason["basis"] == "attributes":
            assert_attributes_recorded(store, reason)
            continue
        assert reason["evidence"], reason
        for path in reason["evidence"]:
            found = {r["entity"]["uid"] for r in store.read("entities_get", {"uids": path["nodes"]})}
            assert found == set(path["nodes"]), reason["zh"]
            for edge in path["edges"]:
                assert {edge["source"], edge["target"]} <= set(path["nodes"]), reason["zh"]
                rows = store.read("relation_exists", edge, slots={"rel": RelationType(edge["type"])})
                assert rows[0]["found"] == 1, (reason["zh"], edge)


def test_recommendations_are_explained_by_evidence_that_exists(demo: tuple[TestClient, GraphStore]) -> None:
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


def test_existing_partners_are_excluded_unless_asked(demo: tuple[TestClient, GraphStore]) -> None:
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


def test_weights_change_the_order_as_documented(demo: tuple[TestClient, GraphStore]) -> None:
    client, store = demo
    uid = an_enterprise_with_partners(store)
    zero = {"topic": 0, "network": 0, "geography": 0, "credibility": 0, "stage": 0, "complementarity": 0}
    by_credibility = gql(client, RECOMMEND, **{"for": uid, "weights": {**zero, "credibility": 1}, "first": 20})
    credibility = [next(c["score"] for c in r["components"] if c["name"] == "credibility") for r in by_credibility]
    assert credibility == sorted(credibility, reverse=True)
    # Components are shown to 4 places, scores to 6.
    assert [r["score"] for r in by_credibility] == pytest.approx(credibility, abs=1e-4)
    by_topic = gql(client, RECOMMEND, **{"for": uid, "weights": {**zero, "topic": 1}, "first": 20})
    assert [r["partner"]["uid"] for r in by_topic] != [r["partner"]["uid"] for r in by_credibility]


def test_cold_start_with_a_stated_need(demo: tuple[TestClient, GraphStore]) -> None:
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


def test_team_is_one_scientist_agency_and_investor_all_distinct(demo: tuple[TestClient, GraphStore]) -> None:
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
def test_bad_inputs_get_clear_errors(demo: tuple[TestClient, GraphStore], variables: dict[str, Any], code: str) -> None:
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
    # A region within two others is one step below each, whichever the engine lists first.
    for parents in (("四川省", "成渝"), ("成渝", "四川省")):
        assert geography(Place("重庆市"), Place("成都市"), {**tree, "成都市": parents}) == (0.6, "成渝")
    assert stage_fit("growth", ["seed"]) == 0.1


def test_the_pool_keeps_the_best_and_a_floor_of_every_kind() -> None:
    # 400 enterprises in the field outrank 30 scientists and 2 investors.
    focus = _bare_focus({"f": 1.0})
    found = [
        candidates.Candidate(f"e{i:03}", "Enterprise", hits=[candidates.FieldHit("f", 2.0 - i / 1000)])
        for i in range(400)
    ]
    found += [candidates.Candidate(f"s{i:02}", "Scientist", hits=[candidates.FieldHit("f", 0.5)]) for i in range(30)]
    found += [candidates.Candidate("v1", "Investor"), candidates.Candidate("v2", "Investor")]
    kept = {c.uid for c in candidates.select_pool(focus, found)}
    assert len(kept) == candidates.POOL
    assert {"v1", "v2"} <= kept
    assert sum(u.startswith("s") for u in kept) == candidates.POOL_PER_KIND
    enterprises = sorted(u for u in kept if u.startswith("e"))
    assert enterprises == [f"e{i:03}" for i in range(len(enterprises))]


def _bare_focus(needs: dict[str, float], region: str | None = None) -> candidates.Focus:
    from graph_service.domain.entities import Entity

    asker = Entity("ent:asker", EntityKind.ENTERPRISE, "企业", {"region": region} if region else {})
    return candidates.Focus(asker, needs, {}, {}, {}, {}, {}, Counter(), frozenset(), {}, {}, {})


def test_a_regions_parents_come_in_name_order(demo: tuple[TestClient, GraphStore]) -> None:
    _, store = demo
    within = {str(r["name"]): list(r["within"]) for r in store.read("regions_tree")}
    assert within["成都市"] == sorted(["四川省", "成渝地区双城经济圈"])


def test_keeping_the_first_of_each_kind_equals_the_full_scoring(demo: tuple[TestClient, GraphStore]) -> None:
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


DIRECT_TRANSFERS = (
    "MATCH (c:Entity {uid: $uid})-[:DEVELOPED|BROKERED]->(a:Achievement)-[:TRANSFERRED_TO]->(:Entity) "
    "RETURN count(DISTINCT a) AS n"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Upper-case acronyms (EDA, IGBT) are part of Chinese technical names; words like "you" are not.
ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*[a-z][A-Za-z]*")


def _askers(store: GraphStore, n: int) -> list[str]:
    rows = store.read("entities_page", {"after": "syn:ent", "limit": n}, slots={"kind": EntityKind.ENTERPRISE})
    return [str(r["entity"]["uid"]) for r in rows]


def test_reasons_are_true_named_and_in_one_language(demo: tuple[TestClient, GraphStore]) -> None:
    _, store = demo
    uids = {str(r["uid"]) for r in read_raw(store, "MATCH (n:Entity) RETURN n.uid AS uid", {})}
    names = sorted(
        # Proper names may stand in either language, but only where no English name is recorded.
        {str(r["name"]) for r in read_raw(store, "MATCH (n:Entity) WHERE n.name_en IS NULL RETURN n.name AS name", {})},
        key=len,
        reverse=True,
    )
    checked = transfers = 0
    for asker in _askers(store, 12):
        for rec in recommend.recommend_partners(store, asker, first=20):
            for reason in rec.reasons:
                checked += 1
                for text in (reason.zh, reason.en):
                    assert not any(u in text for u in uids if ":" in u), ("a uid in a reason", text)
                zh, en = reason.zh, reason.en
                for name in names:
                    zh, en = zh.replace(name, ""), en.replace(name, "")
                assert not ENGLISH_WORD.search(zh), ("English in a Chinese reason", reason.zh)
                assert not CJK.search(en), ("Chinese in an English reason", reason.en)
                assert reason.evidence or reason.attributes, reason
                if "转化" in reason.zh:
                    transfers += 1
                    direct = read_raw(store, DIRECT_TRANSFERS, {"uid": rec.partner.uid})[0]["n"]
                    assert f"{direct}项" in reason.zh, (reason.zh, direct)
    assert checked > 100
    assert transfers > 0


def test_every_demo_enterprise_gets_a_team(demo: tuple[TestClient, GraphStore]) -> None:
    _, store = demo
    for asker in _askers(store, 40):
        teams = recommend_team(store, asker)
        assert teams, asker
        assert all(set(t.missing) <= {"Scientist", "ServiceAgency", "Investor"} for t in teams)


UNDERSTAND = """query($text: String!) { understandNeed(text: $text) {
  fields { uid score } understood { word field name nameEn score } notUnderstood } }"""


def test_a_need_in_everyday_chinese_is_understood_and_served(demo: tuple[TestClient, GraphStore]) -> None:
    client, _ = demo
    reading = gql(client, UNDERSTAND, text="我们需要电池管理系统专家，最好在成都")
    assert reading["fields"][0]["uid"] == "field:bms"
    assert any(u["word"] == "电池管理系统" and u["field"] == "field:bms" for u in reading["understood"])
    gql(
        client,
        """mutation { upsertEntity(input: {kind: ENTERPRISE, uid: "ent:bms-newcomer", name: "电池新企业",
             properties: {region: "成都市"}}) { __typename } }""",
    )
    need = {"text": "需要电池管理系统专家"}
    recs = gql(client, RECOMMEND, **{"for": "ent:bms-newcomer", "need": need, "kinds": ["SCIENTIST"]})
    assert recs
    topic = [r for rec in recs for r in rec["reasons"] if r["component"] == "topic"]
    assert topic, "the recommendations rest on the fields the text was read as"
    long_need = "储能系统集成需要电池管理系统与热管理方面的合作。" * 20
    assert len(long_need) > 100
    assert gql(client, UNDERSTAND, text=long_need[:500])["fields"]
    assert error_code(client, UNDERSTAND, text="量子烹饪学xyz") == "INVALID_INPUT"
