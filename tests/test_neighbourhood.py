"""Neighbourhoods on the real engine when a hub lies within reach: bounded, stable, marked truncated."""

from __future__ import annotations

from collections import Counter

import pytest

from graph_service.bench.recording import RecordingStore
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.domain.subgraph import Subgraph
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.explore.neighborhood import neighborhood
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType
HUB_MEMBERS = 60


def _build(store: GraphStore) -> None:
    """A scientist in a big society and a populous field, with one collaborator in a small society.

    sci:root -MEMBER_OF-> soc:big <-MEMBER_OF- sci:m00..m59
    sci:root -IN_FIELD-> field:f <-IN_FIELD- sci:m00..m59, ent:e00..e39
    sci:root -COLLABORATED_WITH-> sci:peer -MEMBER_OF-> soc:small <-MEMBER_OF- sci:s1, sci:s2
    field:f -BROADER-> field:top -BROADER-> field:root
    """
    entities: list[tuple[EntityKind, str]] = [
        (K.SCIENTIST, "sci:root"),
        (K.SCIENTIST, "sci:peer"),
        (K.SCIENTIST, "sci:s1"),
        (K.SCIENTIST, "sci:s2"),
        (K.SOCIETY, "soc:big"),
        (K.SOCIETY, "soc:small"),
        (K.FIELD, "field:f"),
        (K.FIELD, "field:top"),
        (K.FIELD, "field:root"),
    ]
    entities += [(K.SCIENTIST, f"sci:m{i:02d}") for i in range(HUB_MEMBERS)]
    entities += [(K.ENTERPRISE, f"ent:e{i:02d}") for i in range(40)]
    relations: list[tuple[RelationType, str, str]] = [
        (R.MEMBER_OF, "sci:root", "soc:big"),
        (R.IN_FIELD, "sci:root", "field:f"),
        (R.COLLABORATED_WITH, "sci:root", "sci:peer"),
        (R.MEMBER_OF, "sci:peer", "soc:small"),
        (R.MEMBER_OF, "sci:s1", "soc:small"),
        (R.MEMBER_OF, "sci:s2", "soc:small"),
        (R.BROADER, "field:f", "field:top"),
        (R.BROADER, "field:top", "field:root"),
    ]
    for i in range(HUB_MEMBERS):
        relations += [(R.MEMBER_OF, f"sci:m{i:02d}", "soc:big"), (R.IN_FIELD, f"sci:m{i:02d}", "field:f")]
    relations += [(R.IN_FIELD, f"ent:e{i:02d}", "field:f") for i in range(40)]
    write_entities(store, [EntityRecord(k, uid, {"uid": uid, "name": uid}) for k, uid in entities])
    write_relations(store, [RelationRecord(r, s, t, {}) for r, s, t in relations])


@pytest.fixture
def hub_store(store: EmbeddedStore) -> EmbeddedStore:
    _build(store)
    return store


def _depths(graph: Subgraph) -> dict[str, int]:
    return {n.uid: n.depth for n in graph.nodes}


def test_depth_two_through_a_hub_keeps_the_limit_and_says_it_was_cut(hub_store: EmbeddedStore) -> None:
    graph = neighborhood(hub_store, "sci:root", depth=2, limit=20)
    depths = _depths(graph)
    assert len(graph.nodes) == 20
    assert graph.truncated is True
    assert [n.depth for n in graph.nodes] == sorted(n.depth for n in graph.nodes), "nearest first"
    assert {u for u, d in depths.items() if d <= 1} == {"sci:root", "soc:big", "field:f", "sci:peer"}
    # The budget is shared: the big society does not crowd out the collaborator's society.
    assert depths["soc:small"] == 2
    # The field is shown but not expanded: its enterprises are near no one through it.
    assert not any(u.startswith("ent:") for u in depths)
    assert all(e.source in depths and e.target in depths for e in graph.edges)


def test_the_same_question_gets_the_same_answer(hub_store: EmbeddedStore) -> None:
    answers = [neighborhood(hub_store, "sci:root", depth=3, limit=12) for _ in range(3)]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0].truncated is True


def test_each_node_offers_no_more_than_the_remaining_budget(hub_store: EmbeddedStore) -> None:
    recorder = RecordingStore(hub_store)
    neighborhood(recorder, "sci:root", depth=2, limit=10)
    [params] = [params for name, params, _ in recorder.calls if name == "neighbors_sample"]
    # Root and three neighbours leave six places: each frontier node offers at most seven.
    assert params["per_node"] == 7
    assert "field:f" not in params["uids"]
    offered = Counter(row["from_uid"] for row in hub_store.read("neighbors_sample", params))
    assert offered["soc:big"] == 7


def test_nothing_left_out_is_not_truncated(hub_store: EmbeddedStore) -> None:
    graph = neighborhood(hub_store, "sci:peer", depth=2, rel_types=[R.MEMBER_OF, R.COLLABORATED_WITH])
    assert _depths(graph) == {"sci:peer": 0, "soc:small": 1, "sci:root": 1, "sci:s1": 2, "sci:s2": 2, "soc:big": 2}
    assert graph.truncated is False


def test_ties_among_fields_are_followed_past_depth_one(hub_store: EmbeddedStore) -> None:
    graph = neighborhood(hub_store, "field:f", depth=2, rel_types=[R.BROADER])
    assert _depths(graph) == {"field:f": 0, "field:top": 1, "field:root": 2}
    assert graph.truncated is False
