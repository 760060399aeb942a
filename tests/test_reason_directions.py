"""Every kind of reason, on a hand-built graph, with each evidence tie in the direction it is recorded.

The asker, an enterprise, needs ``field:need``; around it are candidates for each reason:
a field the same, narrower, broader and a sister; shared neighbours reached by ties in each
direction (``sci:via`` is affiliated with the asker and collaborates both ways); a path of three
through the asker's investor; a shared park; an academician, a 5A society, a broker of
transfers and an investor at the asker's stage. No pair of entities is tied both ways, so a
tie told backwards is a tie that is not in the graph.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from graph_service.domain.recommendation import Component, Reason
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.access.principal import LOCAL_OPERATOR, acting_as
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match.candidates import Need
from graph_service.services.match.recommend import recommend_partners
from graph_service.store import GraphStore

K, R = EntityKind, RelationType
ASKER = "ent:asker"

ENTITIES: list[tuple[EntityKind, str, dict[str, Any]]] = [
    (K.ENTERPRISE, ASKER, {"region": "成都市", "stage": "a"}),
    (K.ENTERPRISE, "ent:other", {"region": "绵阳市"}),
    (K.PARK, "park:p", {"region": "成都市"}),
    *[(K.FIELD, f"field:{f}", {}) for f in ("parent", "need", "child", "sib")],
    (K.SCIENTIST, "sci:same", {"region": "绵阳市", "is_academician": True}),
    (K.SCIENTIST, "sci:narrow", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:broad", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:sib", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:via", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:hub", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:net_out", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:net_in", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:net_hub", {"region": "绵阳市"}),
    (K.SCIENTIST, "sci:net_inst", {"region": "绵阳市"}),
    (K.INSTITUTION, "inst:u", {"region": "绵阳市"}),
    (K.INSTITUTION, "inst:park", {"region": "成都市"}),
    (K.SOCIETY, "soc:5a", {"region": "绵阳市", "rating": "5A"}),
    (K.INVESTOR, "inv:v", {"region": "绵阳市"}),
    (K.INVESTOR, "inv:w", {"region": "绵阳市", "stages": ["a", "b"]}),
    (K.SERVICE_AGENCY, "ag:t", {"region": "绵阳市"}),
    (K.ACHIEVEMENT, "ach:1", {}),
]

RELATIONS: list[tuple[RelationType, str, str]] = [
    (R.NEEDS, ASKER, "field:need"),
    (R.LOCATED_IN, ASKER, "park:p"),
    (R.BROADER, "field:need", "field:parent"),
    (R.BROADER, "field:child", "field:need"),
    (R.BROADER, "field:sib", "field:parent"),
    (R.IN_FIELD, "sci:same", "field:need"),
    (R.IN_FIELD, "sci:narrow", "field:child"),
    (R.IN_FIELD, "sci:broad", "field:parent"),
    (R.IN_FIELD, "sci:sib", "field:sib"),
    (R.IN_FIELD, "soc:5a", "field:need"),
    (R.IN_FIELD, "inst:park", "field:need"),
    # Shared neighbours: into the asker, then out of and into the neighbour; out of the asker, both ways.
    (R.AFFILIATED_WITH, "sci:via", ASKER),
    (R.COLLABORATED_WITH, "sci:via", "sci:net_out"),
    (R.COLLABORATED_WITH, "sci:net_in", "sci:via"),
    (R.COLLABORATED_WITH, ASKER, "sci:hub"),
    (R.COLLABORATED_WITH, "sci:hub", "sci:net_hub"),
    (R.COLLABORATED_WITH, ASKER, "inst:u"),
    (R.AFFILIATED_WITH, "sci:net_inst", "inst:u"),
    # Three ties to the next investor: asker <- inv:v -> ent:other <- inv:w.
    (R.INVESTED_IN, "inv:v", ASKER),
    (R.INVESTED_IN, "inv:v", "ent:other"),
    (R.INVESTED_IN, "inv:w", "ent:other"),
    (R.LOCATED_IN, "inst:park", "park:p"),
    (R.BROKERED, "ag:t", "ach:1"),
    (R.TRANSFERRED_TO, "ach:1", "ent:other"),
    (R.IN_FIELD, "ag:t", "field:need"),
]


def _build(store: GraphStore) -> None:
    records = [EntityRecord(k, uid, {"uid": uid, "name": uid.split(":")[1], **p}) for k, uid, p in ENTITIES]
    write_entities(store, records)
    write_relations(store, [RelationRecord(r, s, t, {}) for r, s, t in RELATIONS])


@pytest.fixture(scope="module")
def reasons(module_store: GraphStore) -> dict[str, tuple[Reason, ...]]:
    """Each recommended partner's reasons."""
    with acting_as(LOCAL_OPERATOR):  # a module's fixture runs outside the per-test identity
        _build(module_store)
        recs = recommend_partners(module_store, ASKER, need=Need(fields=["field:need"]), first=50, learned=False)
    return {rec.partner.uid: rec.reasons for rec in recs}


def _exists(store: GraphStore, source: str, type_: str, target: str) -> bool:
    rows = store.read("relation_exists", {"source": source, "target": target}, slots={"rel": RelationType(type_)})
    return bool(rows[0]["found"])


def _evidence_edges(reasons: dict[str, tuple[Reason, ...]]) -> list[tuple[str, str, str]]:
    return [edge for rs in reasons.values() for r in rs for path in r.evidence for edge in path.edges]


def test_every_evidence_tie_is_recorded_in_that_direction(
    module_store: GraphStore, reasons: dict[str, tuple[Reason, ...]]
) -> None:
    edges = _evidence_edges(reasons)
    assert len(edges) > 30
    for source, type_, target in edges:
        assert _exists(module_store, source, type_, target), (source, type_, target)
        assert not _exists(module_store, target, type_, source), "no tie of the fixture runs both ways"


def test_each_path_runs_through_its_nodes_in_order(reasons: dict[str, tuple[Reason, ...]]) -> None:
    for candidate, rs in reasons.items():
        for reason in rs:
            for path in reason.evidence:
                if reason.component is Component.TOPIC:
                    continue  # a topic path is a fan around the fields, checked below
                steps = list(zip(path.nodes, path.nodes[1:], strict=False))
                assert len(steps) == len(path.edges), (candidate, reason.zh)
                for (a, b), (source, _, target) in zip(steps, path.edges, strict=True):
                    assert {a, b} == {source, target}, (candidate, reason.zh)


def _topic(reasons: dict[str, tuple[Reason, ...]], candidate: str) -> list[tuple[str, str, str]]:
    [topic] = [r for r in reasons[candidate] if r.component is Component.TOPIC]
    [path] = topic.evidence
    return list(path.edges)


def test_topic_reasons_show_the_taxonomy_step_as_recorded(reasons: dict[str, tuple[Reason, ...]]) -> None:
    need = (ASKER, "NEEDS", "field:need")
    assert _topic(reasons, "sci:same") == [need, ("sci:same", "IN_FIELD", "field:need")]
    assert _topic(reasons, "sci:narrow") == [
        need,
        ("field:child", "BROADER", "field:need"),
        ("sci:narrow", "IN_FIELD", "field:child"),
    ]
    assert _topic(reasons, "sci:broad") == [
        need,
        ("field:need", "BROADER", "field:parent"),
        ("sci:broad", "IN_FIELD", "field:parent"),
    ]
    assert _topic(reasons, "sci:sib") == [
        need,
        ("field:need", "BROADER", "field:parent"),
        ("field:sib", "BROADER", "field:parent"),
        ("sci:sib", "IN_FIELD", "field:sib"),
    ]


def _network(reasons: dict[str, tuple[Reason, ...]], candidate: str) -> list[tuple[str, str, str]]:
    paths = [p for r in reasons[candidate] if r.component is Component.NETWORK for p in r.evidence]
    assert len(paths) == 1, (candidate, reasons[candidate])
    return list(paths[0].edges)


def test_network_reasons_tell_each_tie_in_its_direction(reasons: dict[str, tuple[Reason, ...]]) -> None:
    into_asker = ("sci:via", "AFFILIATED_WITH", ASKER)
    assert _network(reasons, "sci:net_out") == [into_asker, ("sci:via", "COLLABORATED_WITH", "sci:net_out")]
    assert _network(reasons, "sci:net_in") == [into_asker, ("sci:net_in", "COLLABORATED_WITH", "sci:via")]
    assert _network(reasons, "sci:net_hub") == [
        (ASKER, "COLLABORATED_WITH", "sci:hub"),
        ("sci:hub", "COLLABORATED_WITH", "sci:net_hub"),
    ]
    assert _network(reasons, "sci:net_inst") == [
        (ASKER, "COLLABORATED_WITH", "inst:u"),
        ("sci:net_inst", "AFFILIATED_WITH", "inst:u"),
    ]
    assert _network(reasons, "inv:w") == [
        ("inv:v", "INVESTED_IN", ASKER),
        ("inv:v", "INVESTED_IN", "ent:other"),
        ("inv:w", "INVESTED_IN", "ent:other"),
    ]


def test_the_fixture_draws_every_kind_of_reason(reasons: dict[str, tuple[Reason, ...]]) -> None:
    kinds = Counter(r.component for rs in reasons.values() for r in rs)
    assert set(kinds) == set(Component), kinds
    texts = [r.en for rs in reasons.values() for r in rs]
    for phrase in ("An academician", "A 5A-rated society", "Has brokered 1", "Has invested in", "Both in"):
        assert any(phrase in t for t in texts), (phrase, texts)
