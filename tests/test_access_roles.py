"""The role matrix: every role against every query, mutation, export and page action.

The expected answers restate the access policy on their own (not by importing it), so a
change of the policy that nobody meant fails here. A root field of the schema without a
case here fails too: nothing new escapes the matrix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.graphql.operation import root_fields
from graph_service.api.schema import build_schema
from graph_service.config import Settings
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import ForbiddenError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.export import export_graph
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.workflow.introductions import IntroductionDraft, list_introductions, propose_introduction
from graph_service.services.workflow.needs import NeedDraft, list_needs, post_need
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem
from tests.api_client import api_client

pytestmark = pytest.mark.both_engines

OWN = "ent:x"  # the enterprise an enterprise token speaks for
K, R = EntityKind, RelationType

# Each case: (root field, GraphQL document, variables, what it is).
CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("entity", "read", '{ entity(uid: "sci:b") { uid name } }', {}),
    ("entity", "contact", '{ entity(uid: "sci:a") { uid contact { email } } }', {}),
    ("entities", "read", "{ entities(kind: SCIENTIST, first: 5) { totalCount } }", {}),
    ("search", "read", '{ search(text: "示例") { entity { uid } } }', {}),
    ("neighborhood", "read", '{ neighborhood(uid: "ent:x") { nodes { uid } } }', {}),
    ("paths", "read", '{ paths(from: "sci:a", to: "sci:b") { length } }', {}),
    ("stats", "read", "{ stats { entities } }", {}),
    (
        "recommendPartners",
        "recommend own",
        '{ recommendPartners(for: "ent:x", need: {fields: ["field:semi"]}) { score } }',
        {},
    ),
    ("recommendPartners", "recommend other", '{ recommendPartners(for: "ent:y") { score } }', {}),
    ("recommendTeam", "recommend own", '{ recommendTeam(for: "ent:x", need: {fields: ["field:semi"]}) { score } }', {}),
    ("recommendTeam", "recommend other", '{ recommendTeam(for: "ent:y") { score } }', {}),
    (
        "planMatchmakingEvent",
        "recommend own",
        '{ planMatchmakingEvent(enterprises: ["ent:x"], rounds: 1) { totalScore } }',
        {},
    ),
    (
        "planMatchmakingEvent",
        "recommend other",
        '{ planMatchmakingEvent(enterprises: ["ent:x", "ent:y"], rounds: 2) { totalScore } }',
        {},
    ),
    ("understandNeed", "read", '{ understandNeed(text: "功率半导体") { fields { uid } } }', {}),
    ("transferChains", "read", '{ transferChains(to: "ent:x") { complete } }', {}),
    ("chainGaps", "report", '{ chainGaps(chain: "c:x", suggest: 0) { name } }', {}),
    ("closeGaps", "report", '{ closeGaps(chain: "c:x", budget: 1) { gain } }', {}),
    ("brokenChains", "report", '{ brokenChains(chain: "c:x") { idleAchievements { uid } } }', {}),
    ("ecosystemReport", "report", "{ ecosystemReport { entities } }", {}),
    ("regionOverview", "report", "{ regionOverview { region workstations } }", {}),
    ("formServiceTeam", "report", '{ formServiceTeam(chain: "c:x", size: 1) { place } }', {}),
    ("expandPartnerProgramme", "report", '{ expandPartnerProgramme(programme: "prog:x", count: 1) { name } }', {}),
    ("talentMap", "report", '{ talentMap(chain: "c:x", region: "成都市") { name } }', {}),
    ("reviewWorkstations", "report", "{ reviewWorkstations { since } }", {}),
    (
        "upsertEntity",
        "write",
        'mutation { upsertEntity(input: {kind: SCIENTIST, uid: "sci:new", name: "新人（虚构）"}) { __typename } }',
        {},
    ),
    (
        "link",
        "write",
        'mutation { link(input: {type: MEMBER_OF, source: "sci:b", target: "soc:tianfu"}) { __typename } }',
        {},
    ),
    (
        "unlink",
        "write",
        'mutation { unlink(input: {type: MEMBER_OF, source: "sci:b", target: "soc:tianfu"}) { __typename } }',
        {},
    ),
    (
        "link",
        "own needs",
        'mutation { link(input: {type: NEEDS, source: "ent:x", target: "field:semi", properties: {priority: 4}}) '
        "{ __typename } }",
        {},
    ),
    (
        "unlink",
        "own needs",
        'mutation { unlink(input: {type: NEEDS, source: "ent:x", target: "field:semi"}) { __typename } }',
        {},
    ),
    (
        "link",
        "others' needs",
        'mutation { link(input: {type: NEEDS, source: "ent:y", target: "field:semi"}) { __typename } }',
        {},
    ),
    ("deleteEntity", "write", 'mutation { deleteEntity(uid: "inv:v") { __typename } }', {}),
    # The workflow (NEED, NEED2 and INTRO stand for the records _build posts).
    ("techNeed", "workflow read", '{ techNeed(id: "NEED") { id text } }', {}),
    ("techNeeds", "workflow read", "{ techNeeds { edges { node { id } } } }", {}),
    ("introduction", "workflow read", '{ introduction(id: "INTRO") { id status } }', {}),
    ("introductions", "workflow read", "{ introductions { edges { node { id } } } }", {}),
    ("needQueue", "queue", '{ needQueue(chain: "c:x") { edges { node { id } } } }', {}),
    ("auditLog", "audit", "{ auditLog { edges { node { action } } } }", {}),
    ("viewer", "read", "{ viewer { role mayBroker } }", {}),
    ("changes", "workflow read", "{ changes { events { id title } cursor } }", {}),
    ("workflowKpis", "queue", '{ workflowKpis(from: "2026-09", to: "2026-11") { totals { needsPosted } } }', {}),
    (
        "postTechNeed",
        "own needs",
        'mutation { postTechNeed(input: {enterprise: "ent:x", text: "功率半导体", fields: ["field:semi"]}) '
        "{ __typename } }",
        {},
    ),
    (
        "postTechNeed",
        "others' needs",
        'mutation { postTechNeed(input: {enterprise: "ent:y", text: "储能"}) { __typename } }',
        {},
    ),
    (
        "editTechNeed",
        "own needs",
        'mutation { editTechNeed(id: "NEED2", input: {text: "第二项需求（修改）"}) { __typename } }',
        {},
    ),
    (
        "changeTechNeedStatus",
        "own needs",
        'mutation { changeTechNeedStatus(id: "NEED2", to: WITHDRAWN) { __typename } }',
        {},
    ),
    ("expireOverdueTechNeeds", "write", "mutation { expireOverdueTechNeeds { __typename } }", {}),
    (
        "proposeIntroduction",
        "write",
        'mutation { proposeIntroduction(input: {need: "NEED", partner: "ag:1"}) { __typename } }',
        {},
    ),
    (
        "advanceIntroduction",
        "write",
        'mutation { advanceIntroduction(input: {id: "INTRO", to: CONTACTED}) { __typename } }',
        {},
    ),
]

ALLOWED: dict[Role, set[str]] = {
    Role.ADMIN: {
        "read",
        "contact",
        "recommend own",
        "recommend other",
        "report",
        "write",
        "own needs",
        "others' needs",
        "workflow read",
        "queue",
        "audit",
    },
    Role.MANAGER: {
        "read",
        "contact",
        "recommend own",
        "recommend other",
        "report",
        "write",
        "own needs",
        "others' needs",
        "workflow read",
        "queue",
    },
    Role.ANALYST: {"read", "recommend own", "recommend other", "report", "workflow read", "queue"},
    Role.ENTERPRISE: {"read", "recommend own", "own needs", "workflow read"},
    Role.ANONYMOUS: {"read", "recommend own", "recommend other", "report"},
}


def _build(store: EmbeddedStore) -> None:
    ecosystem.build(store)
    chain = [
        EntityRecord(K.INDUSTRY_CHAIN, "c:x", {"uid": "c:x", "name": "示例产业链"}),
        EntityRecord(K.CHAIN_SEGMENT, "s:1", {"uid": "s:1", "name": "器件", "position": 1}),
        EntityRecord(K.SERVICE_AGENCY, "ag:1", {"uid": "ag:1", "name": "示例转移中心"}),
        EntityRecord(K.INVESTOR, "inv:w", {"uid": "inv:w", "name": "示例种子基金"}),
        EntityRecord(K.PROGRAMME, "prog:x", {"uid": "prog:x", "name": "示例生态伙伴计划"}),
    ]
    write_entities(store, chain)
    ties = [
        RelationRecord(R.PART_OF, "s:1", "c:x", {}),
        RelationRecord(R.IN_SEGMENT, "ent:x", "s:1", {}),
        RelationRecord(R.REQUIRES, "s:1", "field:semi", {}),
        RelationRecord(R.IN_FIELD, "ag:1", "field:semi", {}),
        RelationRecord(R.IN_FIELD, "inv:w", "field:semi", {}),
        RelationRecord(R.NEEDS, "ent:x", "field:semi", {}),
        RelationRecord(R.PARTNER_OF, "soc:elec", "prog:x", {}),
    ]
    write_relations(store, ties)
    # As the local operator (tests/conftest.py): an open need, one to withdraw, an introduction.
    need = post_need(store, NeedDraft("功率半导体器件", OWN, ["field:semi"]))
    post_need(store, NeedDraft("第二项需求", OWN))
    propose_introduction(store, IntroductionDraft("sci:a", need=need.id))


def _workflow_ids(store: EmbeddedStore) -> dict[str, str]:
    """The placeholders of the workflow cases and the ids _build's records got."""
    needs = {n.text: n.id for n in list_needs(store).items}
    intro = list_introductions(store).items[0].id
    return {"NEED2": needs["第二项需求"], "NEED": needs["功率半导体器件"], "INTRO": intro}


def _filled(document: str, ids: dict[str, str]) -> str:
    for placeholder, value in ids.items():  # NEED2 before NEED: one is a prefix of the other
        document = document.replace(f'"{placeholder}"', f'"{value}"')
    return document


@pytest.fixture
def graph(store: EmbeddedStore) -> EmbeddedStore:
    _build(store)
    return store


def _client(store: EmbeddedStore, role: Role) -> TestClient:
    if role is Role.ANONYMOUS:
        return api_client(Settings(demo=True, host="127.0.0.1"), store=store, role=None)
    return api_client(store=store, role=role, entity=OWN if role is Role.ENTERPRISE else None)


def test_every_root_field_has_a_case() -> None:
    assert root_fields(build_schema()) == {field for field, *_ in CASES}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_matrix(graph: EmbeddedStore, role: Role) -> None:
    outcomes: dict[str, str] = {}
    ids = _workflow_ids(graph)
    with _client(graph, role) as client:
        for field, what, document, variables in CASES:
            query = _filled(document, ids)
            body = client.post("/graphql", json={"query": query, "variables": variables}).json()
            codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
            outcomes[f"{field}/{what}"] = "denied" if "FORBIDDEN" in codes else "allowed" if not codes else str(codes)
            if what in ALLOWED[role]:
                assert not codes, (role, field, what, body)
                if document.startswith("mutation"):
                    assert body["data"][field]["__typename"] in SUCCESS, (role, field, body)
            else:
                assert codes == {"FORBIDDEN"}, (role, field, what, body)
                assert not LEAK_MARKERS & set(str(body).split()), body
    expected = {f"{field}/{what}": "allowed" if what in ALLOWED[role] else "denied" for field, what, *_ in CASES}
    assert outcomes == expected


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_the_viewer_says_what_the_matrix_allows(store: EmbeddedStore, role: Role) -> None:
    """What the explorer offers each token: the same answers as the matrix above, asked of the API."""
    with _client(store, role) as client:
        body = client.post("/graphql", json={"query": VIEWER}).json()
    allowed = ALLOWED[role]
    assert body["data"]["viewer"] == {
        "role": role.name,
        "enterpriseUid": OWN if role is Role.ENTERPRISE else None,
        "mayReadRecords": "workflow read" in allowed,
        "mayReadQueue": "queue" in allowed,
        "mayBroker": "write" in allowed,
        "mayPostNeeds": "own needs" in allowed,
        "mayReadAudit": "audit" in allowed,
    }


VIEWER = "{ viewer { role enterpriseUid mayReadRecords mayReadQueue mayBroker mayPostNeeds mayReadAudit } }"
LEAK_MARKERS = {"Traceback", "File"}
# What an allowed mutation answers with.
SUCCESS = {"Done", "EntityPayload", "TechNeedPayload", "IntroductionPayload", "ExpiredTechNeeds"}


def test_without_a_token_only_the_loopback_demo_reads(graph: EmbeddedStore) -> None:
    query = {"query": '{ entity(uid: "sci:b") { uid } }'}
    for settings in (Settings(), Settings(demo=True, host="0.0.0.0"), Settings(host="127.0.0.1")):
        with api_client(settings, store=graph, role=None) as client:
            response = client.post("/graphql", json=query)
            assert response.status_code == 401
            assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
            assert response.headers["www-authenticate"].startswith("Bearer")
            # The GraphiQL page holds no data and loads without a token.
            assert client.get("/graphql", headers={"accept": "text/html"}).status_code == 200
    with api_client(store=graph, role=None) as client:
        bad = client.post("/graphql", json=query, headers={"Authorization": "Bearer egt_nope_secret"})
        assert bad.status_code == 401


def test_revoked_token_is_refused_at_once(graph: EmbeddedStore, tmp_path: Path) -> None:
    from graph_service.api.app import create_app
    from graph_service.services.access.tokens import TokenStore

    tokens = TokenStore(tmp_path / "tokens.json")
    token, record = tokens.create(Role.ANALYST, name="test")
    assert token not in (tmp_path / "tokens.json").read_text()  # only its hash is stored
    query = {"query": '{ entity(uid: "sci:b") { uid } }'}
    with TestClient(create_app(store=graph, tokens=tokens), headers={"Authorization": f"Bearer {token}"}) as client:
        assert client.post("/graphql", json=query).json()["data"]["entity"]["uid"] == "sci:b"
        # Revoked through another handle on the file, as `graph-service token revoke` does.
        TokenStore(tmp_path / "tokens.json").revoke(record.id)
        assert client.post("/graphql", json=query).status_code == 401


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_exports_obey_the_roles(graph: EmbeddedStore, tmp_path: Path, role: Role) -> None:
    principal = Principal(role, OWN if role is Role.ENTERPRISE else None)
    out = tmp_path / "export.jsonl"
    with acting_as(principal):
        if role is Role.ENTERPRISE:
            with pytest.raises(ForbiddenError):
                export_graph(graph, "json", out)
            return
        export_graph(graph, "json", out)
    text = out.read_text(encoding="utf-8")
    assert "sci:a" in text
    assert ("a@example.invalid" in text) is (role in {Role.ADMIN, Role.MANAGER})


def test_rate_limit_in_query_cost(graph: EmbeddedStore) -> None:
    settings = Settings(rate_capacity=30, rate_refill_per_second=0.001)
    query = {"query": "{ entities(kind: SCIENTIST, first: 5) { edges { node { uid } } } }"}
    with api_client(settings, store=graph, role=Role.ANALYST) as client:
        first = client.post("/graphql", json=query).json()
        assert "errors" not in first
        limit = first["extensions"]["rateLimit"]
        assert limit["capacity"] == 30
        assert limit["remaining"] == 30 - first["extensions"]["cost"]["requested"]
        bodies = [client.post("/graphql", json=query).json() for _ in range(3)]
        refused = [b for b in bodies if b.get("errors")]
        assert refused, bodies
        error = refused[0]["errors"][0]
        assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
        assert error["extensions"]["retryAfterSeconds"] > 0
    # Another caller has a bucket of its own.
    with api_client(settings, store=graph, role=Role.ANALYST) as other:
        assert "errors" not in other.post("/graphql", json=query).json()


def test_every_page_action_is_in_the_matrix() -> None:
    """The explorer speaks only GraphQL: each document it sends reaches root fields the matrix covers."""
    from graphql import OperationDefinitionNode, parse

    from tests.web.test_explorer_queries import _documents

    covered = {field for field, *_ in CASES}
    for name, text in _documents().items():
        for definition in parse(text).definitions:
            assert isinstance(definition, OperationDefinitionNode)
            roots = {s.name.value for s in definition.selection_set.selections if hasattr(s, "name")}
            assert roots <= covered, (name, roots - covered)
