"""Transfer chains on a hand-built ecosystem: with and without agency and investor."""

from __future__ import annotations

import pytest

from graph_service.domain.records import EntityRecord, PropertyValue, RelationRecord
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.chains.transfers import transfer_chains
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store.embedded import EmbeddedStore
from tests.api_client import api_client

pytestmark = pytest.mark.both_engines

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
RELATIONS: list[tuple[RelationType, str, str, dict[str, PropertyValue]]] = [
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
    with api_client(store=graph) as client:
        body = client.post(
            "/graphql",
            json={"query": '{ transferChains(from: "p:1") { complete parties missing steps { role uid relation } } }'},
        ).json()
    chains = body["data"]["transferChains"]
    assert chains[0]["complete"] is True
    assert chains[1]["missing"] == ["investor", "service"]


@pytest.fixture
def relay(graph: EmbeddedStore) -> EmbeddedStore:
    """e:1 develops on what it received and hands it to e:3; t:full is in a chain's field."""
    more = [
        (K.ACHIEVEMENT, "t:next", "二次开发的成果"),
        (K.ENTERPRISE, "e:3", "承接企业丙"),
        (K.FIELD, "f:chips", "芯片"),
        (K.FIELD, "f:power", "功率半导体"),
        (K.INDUSTRY_CHAIN, "c:1", "示例产业链"),
        (K.CHAIN_SEGMENT, "s:1", "示例环节"),
    ]
    write_entities(graph, [EntityRecord(k, u, {"uid": u, "name": n}) for k, u, n in more])
    ties: list[tuple[RelationType, str, str, dict[str, PropertyValue]]] = [
        (R.DEVELOPED, "e:1", "t:next", {"year": 2024}),
        (R.TRANSFERRED_TO, "t:next", "e:3", {"mode": "joint", "year": 2025}),
        (R.BROADER, "f:power", "f:chips", {}),
        (R.IN_FIELD, "t:full", "f:power", {}),
        (R.PART_OF, "s:1", "c:1", {}),
        (R.IN_SEGMENT, "e:2", "s:1", {}),
    ]
    write_relations(graph, [RelationRecord(r, s, t, p) for r, s, t, p in ties])
    return graph


def test_hops_follow_a_transfer_on_to_the_next_enterprise(relay: EmbeddedStore) -> None:
    assert all(c.hops == 1 for c in transfer_chains(relay, source="p:1"))
    chains = transfer_chains(relay, source="p:1", max_hops=2)
    two = [c for c in chains if c.hops == 2]
    assert len(two) == 1
    steps = [(s.role, s.uid, s.hop) for s in two[0].steps]
    assert steps[-2:] == [("achievement", "t:next", 2), ("enterprise", "e:3", 2)]
    # The junction enterprise appears once, as the receiver of the first transfer.
    assert [s.uid for s in two[0].steps].count("e:1") == 1
    assert two[0].steps[-2].relation == "DEVELOPED"
    between = transfer_chains(relay, source="p:1", target="e:3", max_hops=2)
    assert [c.hops for c in between] == [2]
    assert transfer_chains(relay, source="p:1", target="e:3") == []
    backward = transfer_chains(relay, target="e:3", max_hops=3)
    assert sorted(c.hops for c in backward) == [1, 2]
    assert backward[0].steps[0].uid in {"p:1", "i:1", "e:1"}


def test_field_and_chain_filters(relay: EmbeddedStore) -> None:
    in_chips = transfer_chains(relay, source="p:1", field_uid="f:chips")
    assert [c.steps[2].uid for c in in_chips] == ["t:full"]  # t:full is in f:power, under f:chips
    assert transfer_chains(relay, source="p:1", field_uid="f:power")[0].steps[2].uid == "t:full"
    in_chain = transfer_chains(relay, source="p:1", chain="c:1")
    assert [s.uid for s in in_chain[0].steps if s.role == "enterprise"] == ["e:2"]
    with pytest.raises(NotFoundError):
        transfer_chains(relay, source="p:1", field_uid="f:none")
    with pytest.raises(NotFoundError):
        transfer_chains(relay, source="p:1", chain="c:none")


def test_hop_and_page_limits(relay: EmbeddedStore) -> None:
    for bad in ({"max_hops": 0}, {"max_hops": 4}, {"first": 0}, {"first": 101}):
        with pytest.raises(LimitExceededError):
            transfer_chains(relay, source="p:1", **bad)  # type: ignore[arg-type]


def test_hops_over_http(relay: EmbeddedStore) -> None:
    query = '{ transferChains(from: "p:1", maxHops: 2, field: "f:chips") { hops steps { uid hop } } }'
    with api_client(store=relay) as client:
        body = client.post("/graphql", json={"query": query}).json()
    assert [c["hops"] for c in body["data"]["transferChains"]] == [1, 2]  # as complete, shorter first
