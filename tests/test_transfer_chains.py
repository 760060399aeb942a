"""Transfer chains on a hand-built ecosystem: with and without agency and investor."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import InvalidInputError, NotFoundError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.chains.transfers import transfer_chains
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store.embedded import EmbeddedStore

K, R = EntityKind, RelationType
ENTITIES = [
    (K.SCIENTIST, "p:1", "甲（虚构）"),
    (K.INSTITUTION, "i:1", "示例研究院"),
    (K.ACHIEVEMENT, "t:full", "完整转化的成果"),
    (K.ACHIEVEMENT, "t:bare", "直接转让的成果"),
    (K.ACHIEVEMENT, "t:idle", "尚未转化的成果"),
    (K.SERVICE_AGENCY, "a:1", "示例转移中心"),
    (K.ENTERPRISE, "e:1", "承接企业甲"),
    (K.ENTERPRISE, "e:2", "承接企业乙"),
    (K.INVESTOR, "v:1", "示例基金"),
    (K.PARK, "k:1", "示例园区"),
]
RELATIONS = [
    (R.DEVELOPED, "p:1", "t:full", {"year": 2021}),
    (R.DEVELOPED, "i:1", "t:full", {}),
    (R.DEVELOPED, "p:1", "t:bare", {}),
    (R.DEVELOPED, "p:1", "t:idle", {}),
    (R.BROKERED, "a:1", "t:full", {"year": 2022}),
    (R.TRANSFERRED_TO, "t:full", "e:1", {"mode": "license", "value": 300.0, "year": 2022}),
    (R.TRANSFERRED_TO, "t:bare", "e:2", {"mode": "transfer"}),
    (R.INVESTED_IN, "v:1", "e:1", {"round": "A", "year": 2023}),
    (R.LOCATED_IN, "e:1", "k:1", {}),
]


@pytest.fixture
def graph(store: EmbeddedStore) -> EmbeddedStore:
    write_entities(store, [EntityRecord(k, u, {"uid": u, "name": n}) for k, u, n in ENTITIES])
    write_relations(store, [RelationRecord(r, s, t, p) for r, s, t, p in RELATIONS])
    return store


def test_forward_from_a_scientist_complete_chain_first(graph: EmbeddedStore) -> None:
    chains = transfer_chains(graph, source="p:1")
    assert len(chains) == 2
    full, bare = chains
    assert [s.role for s in full.steps] == [
        "developer",
        "developer",
        "achievement",
        "broker",
        "enterprise",
        "investor",
        "park",
    ]
    assert full.complete
    assert full.parties == ("scientist", "entrepreneur", "investor", "service")
    enterprise = next(s for s in full.steps if s.role == "enterprise")
    assert enterprise.properties == {"mode": "license", "value": 300.0, "year": 2022}
    assert bare.missing == ("investor", "service")
    assert [s.uid for s in bare.steps] == ["p:1", "t:bare", "e:2"]


def test_backward_between_and_completeness_filter(graph: EmbeddedStore) -> None:
    backward = transfer_chains(graph, target="e:1")
    assert [c.steps[2].uid for c in backward] == ["t:full"]
    between = transfer_chains(graph, source="p:1", target="e:2")
    assert [c.steps[1].uid for c in between] == ["t:bare"]
    assert [c.complete for c in transfer_chains(graph, source="p:1", complete=False)] == [False]
    from_achievement = transfer_chains(graph, source="t:full")
    assert len(from_achievement) == 1


def test_bad_anchors(graph: EmbeddedStore) -> None:
    with pytest.raises(InvalidInputError):
        transfer_chains(graph)
    with pytest.raises(NotFoundError):
        transfer_chains(graph, source="nobody")


def test_over_http(graph: EmbeddedStore) -> None:
    with TestClient(create_app(store=graph)) as client:
        body = client.post(
            "/graphql",
            json={"query": '{ transferChains(from: "p:1") { complete parties missing steps { role uid relation } } }'},
        ).json()
    chains = body["data"]["transferChains"]
    assert chains[0]["complete"] is True
    assert chains[1]["missing"] == ["investor", "service"]
