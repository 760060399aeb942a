"""Which ties the evaluation holds out, exactly, and that the training copy has none of them (real engine)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.export.reading import entities_of, relations_of
from graph_service.services.holdout.scratch import scratch_graph
from graph_service.services.holdout.split import PROFILE_TYPES, hold_out, write_training_graph
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore

K, R = EntityKind, RelationType
SCIENTISTS = [f"sci:{i:02d}" for i in range(10)]
ENTERPRISES = ["ent:a", "ent:b", "ent:c", "ent:d"]
# Ten collaborations in a ring, one a year, written in an order that is not their years'.
YEARS = [2004, 2010, 2001, 2007, 2003, 2009, 2002, 2008, 2006, 2005]
COLLABORATIONS = [(SCIENTISTS[i], SCIENTISTS[(i + 1) % 10], YEARS[i]) for i in range(10)]
# One investment has no year: that type is held out at random.
INVESTMENTS = [("inv:v", "ent:a", 2020), ("inv:v", "ent:b", None), ("inv:v", "ent:c", 2021), ("inv:v", "ent:d", 2022)]
Edge = tuple[str, str, str]


def _build(store: GraphStore, *, investments: bool = True) -> None:
    entities = [EntityRecord(K.SCIENTIST, u, {"uid": u, "name": f"科学家{u[-2:]}"}) for u in SCIENTISTS]
    entities += [EntityRecord(K.ENTERPRISE, u, {"uid": u, "name": f"企业{u[-1]}"}) for u in ENTERPRISES]
    entities += [
        EntityRecord(K.INVESTOR, "inv:v", {"uid": "inv:v", "name": "创投"}),
        EntityRecord(K.FIELD, "field:f", {"uid": "field:f", "name": "领域"}),
        EntityRecord(K.SOCIETY, "soc:s", {"uid": "soc:s", "name": "学会"}),
    ]
    write_entities(store, entities)
    relations = [RelationRecord(R.COLLABORATED_WITH, s, t, {"year": y}) for s, t, y in COLLABORATIONS]
    relations += [RelationRecord(R.INVESTED_IN, s, t, {"year": y} if y else {}) for s, t, y in INVESTMENTS]
    relations += [RelationRecord(R.IN_FIELD, u, "field:f", {"weight": 0.5}) for u in SCIENTISTS + ENTERPRISES]
    relations += [RelationRecord(R.MEMBER_OF, u, "soc:s", {}) for u in ENTERPRISES]  # a tie no newcomer keeps
    write_relations(store, [r for r in relations if investments or r.type is not R.INVESTED_IN])


def _edges(store: GraphStore) -> set[Edge]:
    return {(s, rel.value, t) for rel in RelationType for s, t, _ in relations_of(store, rel)}


def _ties(store: GraphStore) -> dict[Edge, dict[str, object]]:
    return {(s, rel.value, t): props for rel in RelationType for s, t, props in relations_of(store, rel)}


@pytest.fixture
def graph(store: EmbeddedStore) -> EmbeddedStore:
    _build(store)
    return store


@pytest.fixture
def train(graph: EmbeddedStore) -> Iterator[GraphStore]:
    with scratch_graph(graph, "split_train") as scratch:
        yield scratch


def test_the_newest_fifth_of_dated_ties_is_held_out(graph: EmbeddedStore) -> None:
    split = hold_out(graph, cold_share=0.0, seed=1)
    collaborations = {e for e in split.held_out if e[1] == "COLLABORATED_WITH"}
    newest = {(s, "COLLABORATED_WITH", t) for s, t, y in COLLABORATIONS if y >= 2009}
    assert collaborations == newest
    assert split.modes[R.COLLABORATED_WITH] == "newest"
    # The asker is the source, the answer its partner, as PARTNERSHIPS says.
    assert split.truths[("sci:01", K.SCIENTIST)] == {"sci:02"}
    assert split.truths[("sci:05", K.SCIENTIST)] == {"sci:06"}
    assert split.cold == set()


def test_a_type_with_an_undated_tie_is_held_out_at_random(graph: EmbeddedStore) -> None:
    investments = {(s, "INVESTED_IN", t) for s, t, _ in INVESTMENTS}
    chosen = set()
    for seed in range(6):
        split = hold_out(graph, cold_share=0.0, seed=seed)
        assert split.modes[R.INVESTED_IN] == "random"
        held = {e for e in split.held_out if e[1] == "INVESTED_IN"}
        assert len(held) == 1, "a fifth of four, at least one"
        assert held <= investments
        [(source, _, target)] = held
        assert split.truths[(target, K.INVESTOR)] == {source}, "the enterprise asks, the investor answers"
        chosen |= held
    assert len(chosen) > 1, "the seed chooses, not the file order"


def test_the_training_graph_has_every_tie_but_the_held_out_ones(graph: EmbeddedStore, train: GraphStore) -> None:
    split = hold_out(graph, cold_share=0.0, seed=1)
    everything = _edges(graph)
    kept = write_training_graph(graph, train, split)
    assert len(split.held_out) == 3
    assert _edges(train) == everything - split.held_out
    assert kept == len(everything) - 3
    ties = _ties(graph)
    assert _ties(train) == {edge: ties[edge] for edge in everything - split.held_out}, "with their properties"
    for kind in (K.SCIENTIST, K.ENTERPRISE, K.INVESTOR, K.FIELD, K.SOCIETY):
        assert [e["name"] for e in entities_of(train, kind)] == [e["name"] for e in entities_of(graph, kind)]


def test_the_same_seed_holds_out_the_same_ties(graph: EmbeddedStore) -> None:
    first = hold_out(graph, seed=3)
    for _ in range(5):
        again = hold_out(graph, seed=3)
        assert (again.held_out, again.cold) == (first.held_out, first.cold)
    # The defaults: seed 7, and a tenth of one asking enterprise is no newcomer.
    default = hold_out(graph)
    assert (default.held_out, default.cold) == (hold_out(graph, seed=7).held_out, set())


def test_newcomers_are_drawn_among_all_askers_where_no_enterprise_asks(store: EmbeddedStore) -> None:
    _build(store, investments=False)
    split = hold_out(store, cold_share=1.0, seed=1)
    assert split.cold == {s for s, _, y in COLLABORATIONS if y >= 2009}, "the asking scientists"


def test_a_newcomer_keeps_its_profile_and_loses_every_other_tie(graph: EmbeddedStore, train: GraphStore) -> None:
    split = hold_out(graph, cold_share=1.0, seed=1)
    [newcomer] = split.cold
    assert newcomer in ENTERPRISES, "newcomers are drawn among the enterprises that ask"
    write_training_graph(graph, train, split)
    ties = {e for e in _edges(train) if newcomer in (e[0], e[2])}
    assert ties == {(newcomer, "IN_FIELD", "field:f")}
    assert {R(e[1]) for e in _edges(graph) - _edges(train) if newcomer in (e[0], e[2])}.isdisjoint(PROFILE_TYPES)
    others = {e for e in _edges(graph) if newcomer not in (e[0], e[2])}
    assert _edges(train) - ties == others - split.held_out
