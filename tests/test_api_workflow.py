"""The workflow through GraphQL: what an enterprise can reach by any path, contact details, agreement, audit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.domain.workflow import Confidentiality, IntroductionStatus
from graph_service.ontology import RelationType
from graph_service.services.access.principal import Role
from graph_service.services.workflow.introductions import IntroductionDraft, advance_introduction, propose_introduction
from graph_service.services.workflow.needs import NeedDraft, get_need, post_need
from graph_service.store import GraphStore
from tests import workflow_graph
from tests.api_client import api_client, error_codes, graphql_post
from tests.workflow_graph import OTHER, OWN

pytestmark = pytest.mark.both_engines

IS = IntroductionStatus


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    workflow_graph.build(store)
    return store


def _client(store: GraphStore, role: Role) -> TestClient:
    return api_client(store=store, role=role, entity=OWN if role is Role.ENTERPRISE else None)


def _theirs(store: GraphStore) -> dict[str, str]:
    """Another enterprise's records, as the local operator posts them: every kind a path could leak."""
    public = post_need(store, NeedDraft("储能电池管理系统（对方公开需求）", OTHER, ["field:semi"]))
    secret = post_need(
        store, NeedDraft("保密需求（对方）", OTHER, ["field:semi"], confidentiality=Confidentiality.MANAGERS_ONLY)
    )
    intro = propose_introduction(store, IntroductionDraft("sci:a", need=public.id, note="对方的引荐备注")).id
    for status in (IS.CONTACTED, IS.MET, IS.AGREED):
        advance_introduction(store, intro, status)
    return {"public": public.id, "secret": secret.id, "intro": intro}


FRAGMENTS = """
fragment N on TechNeed { id text enterpriseUid history { note by } introductions { edges { node { ...I } } } }
fragment I on Introduction { id note partnerUid partnerContact { email } need { id text } }
"""


def test_an_enterprise_reaches_nothing_of_another_by_any_path(graph: GraphStore) -> None:
    theirs = _theirs(graph)
    mine = post_need(graph, NeedDraft("功率半导体封装（本企业）", OWN, ["field:semi"]))
    my_intro = propose_introduction(graph, IntroductionDraft("ag:1", need=mine.id)).id
    query = (
        FRAGMENTS
        + """
    query($public: String!, $secret: String!, $intro: String!) {
      a: techNeed(id: $public) { ...N }
      b: techNeed(id: $secret) { ... on TechNeed { id text } }
      c: techNeeds { edges { node { ...N } } }
      d: introduction(id: $intro) { ...I }
      e: introductions { edges { node { ...I } } }
      f: techNeeds(status: [OPEN, IN_DOCKING]) { edges { node { ... { id text } } } }
      g: introductions(need: $public) { edges { node { id } } }
    }"""
    )
    with _client(graph, Role.ENTERPRISE) as client:
        body = graphql_post(client, query, theirs)
    assert "errors" not in body, body
    data = body["data"]
    assert (data["a"], data["b"], data["d"]) == (None, None, None)
    assert [e["node"]["id"] for e in data["c"]["edges"]] == [mine.id]
    assert [e["node"]["id"] for e in data["f"]["edges"]] == [mine.id]
    assert [e["node"]["id"] for e in data["e"]["edges"]] == [my_intro]
    assert data["g"]["edges"] == []
    assert data["c"]["edges"][0]["node"]["introductions"]["edges"][0]["node"]["id"] == my_intro
    text = json.dumps(body, ensure_ascii=False)
    for leak in [*theirs.values(), "对方", OTHER, "a@example.invalid"]:
        assert leak not in text, leak


def test_an_enterprise_cannot_ask_for_or_touch_anothers_records(graph: GraphStore) -> None:
    theirs = _theirs(graph)
    before = get_need(graph, theirs["public"])
    with _client(graph, Role.ENTERPRISE) as client:
        for document in (
            f'{{ techNeeds(enterprise: "{OTHER}") {{ edges {{ node {{ id }} }} }} }}',
            f'{{ introductions(enterprise: "{OTHER}") {{ edges {{ node {{ id }} }} }} }}',
            "{ needQueue { edges { node { id } } } }",
            "{ auditLog { edges { node { id } } } }",
            f'mutation {{ postTechNeed(input: {{enterprise: "{OTHER}", text: "冒名"}}) {{ __typename }} }}',
            f'mutation {{ advanceIntroduction(input: {{id: "{theirs["intro"]}", to: DECLINED, '
            'decline: {reason: OTHER, text: "x"}}) { __typename } }',
            f'mutation {{ proposeIntroduction(input: {{need: "{theirs["public"]}", partner: "sci:b"}}) '
            "{ __typename } }",
        ):
            body = graphql_post(client, document)
            assert error_codes(body) == ["FORBIDDEN"], (document, body)
            assert "对方" not in json.dumps(body, ensure_ascii=False)
        moved = graphql_post(
            client,
            "mutation($id: String!) { a: changeTechNeedStatus(id: $id, to: WITHDRAWN) { __typename "
            "... on NotFound { uid } } }",
            {"id": theirs["public"]},
        )
    assert moved["data"]["a"] == {"__typename": "NotFound", "uid": theirs["public"]}  # as if it did not exist
    assert get_need(graph, theirs["public"]) == before


def test_contact_details_appear_to_the_enterprise_only_once_agreed(graph: GraphStore) -> None:
    intro = propose_introduction(graph, IntroductionDraft("sci:a", enterprise=OWN)).id
    look = "query($id: String!) { introduction(id: $id) { status partnerContact { email } partner { name } } }"
    advance = "mutation($i: AdvanceIntroductionInput!) { advanceIntroduction(input: $i) { __typename } }"
    with _client(graph, Role.ENTERPRISE) as mine, _client(graph, Role.MANAGER) as manager:
        for to in ("CONTACTED", "MET", "AGREED"):
            seen = graphql_post(mine, look, {"id": intro})["data"]["introduction"]
            assert seen["partnerContact"] is None, seen
            assert seen["partner"]["name"] == "甲研究员（虚构）"  # public fields, as everywhere
            assert graphql_post(manager, look, {"id": intro})["data"]["introduction"]["partnerContact"] == {
                "email": "a@example.invalid"
            }
            moved = graphql_post(manager, advance, {"i": {"id": intro, "to": to}})
            assert moved["data"]["advanceIntroduction"]["__typename"] == "IntroductionPayload", moved
        agreed = graphql_post(mine, look, {"id": intro})["data"]["introduction"]
        assert agreed == {
            "status": "AGREED",
            "partnerContact": {"email": "a@example.invalid"},
            "partner": agreed["partner"],
        }
        # The entity's own contact field stays the managers' (policy.py): the introduction is the way.
        entity = graphql_post(mine, '{ entity(uid: "sci:a") { contact { email } } }')
        assert error_codes(entity) == ["FORBIDDEN"]
    with _client(graph, Role.ANALYST) as analyst:
        assert graphql_post(analyst, look, {"id": intro})["data"]["introduction"]["partnerContact"] is None


def _ties(store: GraphStore) -> int:
    rows = store.read(
        "relation_exists", {"source": OWN, "target": "sci:b"}, slots={"rel": RelationType.COLLABORATED_WITH}
    )
    return int(rows[0]["found"])


def test_agreeing_through_the_api_writes_one_relationship_however_often_sent(graph: GraphStore) -> None:
    advance = """mutation($i: AdvanceIntroductionInput!) { advanceIntroduction(input: $i) {
      __typename
      ... on IntroductionPayload { introduction { status updatedAt agreement { kind relation source target }
        history { fromStatus toStatus by } } }
      ... on InvalidInput { problems { field message } }
      ... on NotFound { uid } } }"""
    with _client(graph, Role.MANAGER) as manager:
        proposed = graphql_post(
            manager,
            'mutation { proposeIntroduction(input: {enterprise: "ent:x", partner: "sci:b", source: EVENT_MEETING}) '
            "{ ... on IntroductionPayload { introduction { id status source } } } }",
        )["data"]["proposeIntroduction"]["introduction"]
        intro = proposed["id"]
        assert proposed["source"] == "EVENT_MEETING"
        early = graphql_post(manager, advance, {"i": {"id": intro, "to": "AGREED", "agreement": "COLLABORATION"}})
        assert early["data"]["advanceIntroduction"]["__typename"] == "InvalidInput"
        assert early["data"]["advanceIntroduction"]["problems"][0]["field"] == "status"
        for to in ("CONTACTED", "MET"):
            graphql_post(manager, advance, {"i": {"id": intro, "to": to}})
        agree = {"i": {"id": intro, "to": "AGREED", "agreement": "COLLABORATION", "note": "签署合作协议"}}
        first = graphql_post(manager, advance, agree)["data"]["advanceIntroduction"]
        assert first["introduction"]["agreement"] == {
            "kind": "COLLABORATION",
            "relation": "COLLABORATED_WITH",
            "source": OWN,
            "target": "sci:b",
        }
        assert [s["toStatus"] for s in first["introduction"]["history"]] == ["proposed", "contacted", "met", "agreed"]
        assert _ties(graph) == 1
        for _ in range(2):
            again = graphql_post(manager, advance, agree)["data"]["advanceIntroduction"]
            assert again == first
        assert _ties(graph) == 1
        missing = graphql_post(manager, advance, {"i": {"id": "intro:none", "to": "CONTACTED"}})
        assert missing["data"]["advanceIntroduction"] == {"__typename": "NotFound", "uid": "intro:none"}
    with _client(graph, Role.ADMIN) as admin:
        log = graphql_post(
            admin, "query($r: String) { auditLog(record: $r) { edges { node { action } } } }", {"r": intro}
        )
    assert [e["node"]["action"] for e in log["data"]["auditLog"]["edges"]].count("introduction.agree") == 1


def test_the_audit_log_is_read_by_admins_only_and_pages(graph: GraphStore) -> None:
    need = post_need(graph, NeedDraft("功率半导体", OWN, ["field:semi"]))
    propose_introduction(graph, IntroductionDraft("sci:a", need=need.id))
    page = """query($after: String) { auditLog(first: 2, after: $after) {
      edges { node { id at actor role action record before after } } pageInfo { hasNextPage endCursor } } }"""
    with _client(graph, Role.ADMIN) as admin:
        first = graphql_post(admin, page)["data"]["auditLog"]
        second = graphql_post(admin, page, {"after": first["pageInfo"]["endCursor"]})["data"]["auditLog"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert second["pageInfo"]["hasNextPage"] is False
    entries: list[dict[str, Any]] = [e["node"] for e in first["edges"] + second["edges"]]
    assert len({e["id"] for e in entries}) == 3
    assert {(e["action"], e["before"], e["after"]) for e in entries} == {
        ("need.post", "", "open"),
        ("introduction.propose", "", "proposed"),
        ("need.status", "open", "in_docking"),
    }
    assert all(e["actor"] == "admin" and e["role"] == "admin" and e["at"] for e in entries)
    for role in (Role.MANAGER, Role.ANALYST, Role.ENTERPRISE):
        with _client(graph, role) as client:
            body = graphql_post(client, page)
            assert error_codes(body) == ["FORBIDDEN"], role
            assert body["data"] is None or body["data"]["auditLog"] is None


def test_the_queue_attaches_candidates_when_asked(graph: GraphStore) -> None:
    post_need(graph, NeedDraft("功率半导体", OWN, ["field:semi"]))
    with _client(graph, Role.MANAGER) as manager:
        body = graphql_post(
            manager,
            '{ needQueue(chain: "c:x", region: "成都市") { edges { node { id statusLabel '
            "bestCandidates(first: 2) { partner { uid } score reasons { en } } } } } }",
        )
    assert "errors" not in body, body
    [edge] = body["data"]["needQueue"]["edges"]
    assert edge["node"]["statusLabel"] == "待对接 (open)"
    candidates = edge["node"]["bestCandidates"]
    assert 1 <= len(candidates) <= 2
    assert all(c["reasons"] for c in candidates)


def test_a_page_of_introductions_reads_their_needs_in_one_round_trip(graph: GraphStore) -> None:
    query = "{ introductions(first: 10) { edges { node { id need { id text } } } } }"
    trips = []
    with _client(graph, Role.MANAGER) as client:
        for count in (1, 3):
            while len(graphql_post(client, query)["data"]["introductions"]["edges"]) < count:
                need = post_need(graph, NeedDraft(f"需求{count}", OWN, ["field:semi"])).id
                propose_introduction(graph, IntroductionDraft("sci:a", need=need))
            before = graph.round_trips
            page = graphql_post(client, query)["data"]["introductions"]["edges"]
            trips.append(graph.round_trips - before)
            assert all(edge["node"]["need"]["id"].startswith("need:") for edge in page)
    assert trips[0] == trips[1], trips
