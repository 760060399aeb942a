"""Introductions' outcomes teach the ranker: agreed partners as positives, declined ones as hard negatives.

The demo graph's enterprises are given a preference its history does not show: of the
scientists the recommender proposes, they agree with the least connected (free to take on
a new partner) and decline the most connected. A ranker that learns from those outcomes
puts agreed partners above declined ones for enterprises it never saw decide; one fitted on
the history alone, and the hand-weighted score, do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from graph_service.domain.workflow import AgreementKind, Decline, DeclineReason, DeclineSide
from graph_service.domain.workflow import IntroductionStatus as IS
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.evaluate.run import outcome_report, outcome_summary
from graph_service.services.evaluate.summary import render
from graph_service.services.export.reading import entities_of, relations_of
from graph_service.services.match import outcomes, training
from graph_service.services.match.ranking import RatedCandidate, rate_pool
from graph_service.services.seed import load_demo
from graph_service.services.workflow.introductions import (
    IntroductionDraft,
    advance_introduction,
    propose_introduction,
)
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection

MANAGER = Principal(Role.MANAGER, token_id="t-manager")
ENTERPRISES = 40
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOT_NOW = Decline(DeclineReason.TIMING, "明年再议", DeclineSide.ENTERPRISE)


def _introduce(store: EmbeddedStore, enterprise: str, partner: str, moment: datetime) -> str:
    intro = propose_introduction(store, IntroductionDraft(partner, enterprise=enterprise), now=moment)
    return intro.id


def _agree(store: EmbeddedStore, intro: str, moment: datetime) -> None:
    for step, to in enumerate((IS.CONTACTED, IS.MET)):
        advance_introduction(store, intro, to, now=moment + timedelta(days=step + 1))
    advance_introduction(
        store, intro, IS.AGREED, agreement_kind=AgreementKind.COLLABORATION, now=moment + timedelta(days=5)
    )


def _decline(store: EmbeddedStore, intro: str, moment: datetime, decline: Decline) -> None:
    advance_introduction(store, intro, IS.CONTACTED, now=moment + timedelta(days=1))
    advance_introduction(store, intro, IS.DECLINED, decline=decline, now=moment + timedelta(days=3))


def _degree(candidate: RatedCandidate) -> float:
    return candidate.features.get("candidate_degree", 0.0)


@pytest.fixture(scope="module")
def decided(engine: EngineConnection) -> Iterator[tuple[EmbeddedStore, dict[str, set[str]]]]:
    """The demo graph with introductions decided by the least-connected rule; the agreed partners by enterprise."""
    store = EmbeddedStore(engine, "outcome_labels")
    store.clear()
    agreed: dict[str, set[str]] = {}
    with acting_as(MANAGER):
        load_demo(store, synthetic_size=1500)
        moment = START
        for props in entities_of(store, EntityKind.ENTERPRISE):
            enterprise = str(props["uid"])
            top = sorted(rate_pool(store, enterprise, kinds=[EntityKind.SCIENTIST]), key=lambda c: -c.hand_score)[:20]
            by_degree = sorted(top, key=lambda c: (_degree(c), c.uid))
            if len(top) < 6 or _degree(by_degree[1]) == _degree(by_degree[-2]):
                continue  # no preference to show among equally connected scientists
            for partner in by_degree[:2]:
                _agree(store, _introduce(store, enterprise, partner.uid, moment), moment)
            for partner in by_degree[-2:]:
                _decline(
                    store,
                    _introduce(store, enterprise, partner.uid, moment),
                    moment,
                    Decline(DeclineReason.NOT_RELEVANT),
                )
            # Asked not now: says nothing about the pair, so it teaches nothing.
            _decline(store, _introduce(store, enterprise, by_degree[2].uid, moment), moment, NOT_NOW)
            agreed[enterprise] = {c.uid for c in by_degree[:2]}
            moment += timedelta(hours=6)
            if len(agreed) == ENTERPRISES:
                break
    assert len(agreed) == ENTERPRISES
    yield store, agreed
    engine.delete_graph(store.graph_name)


def test_outcomes_read_only_the_decisions_that_teach(decided: tuple[EmbeddedStore, dict[str, set[str]]]) -> None:
    store, agreed = decided
    read = outcomes.read_outcomes(store)
    assert sum(o.agreed for o in read) == 2 * ENTERPRISES
    assert sum(not o.agreed for o in read) == 2 * ENTERPRISES, "the declines 'not now' are left out"
    assert {(o.enterprise, o.partner) for o in read if o.agreed} == {(e, p) for e, ps in agreed.items() for p in ps}
    for o in read:
        if o.agreed:
            assert o.relation == (o.enterprise, RelationType.COLLABORATED_WITH.value, o.partner)
        assert o.kind is EntityKind.SCIENTIST


def test_an_agreement_s_relationship_is_held_out_of_the_training_copy(
    decided: tuple[EmbeddedStore, dict[str, set[str]]],
) -> None:
    store, agreed = decided
    made = {(s, t) for s, t, _ in relations_of(store, RelationType.COLLABORATED_WITH)}
    assert {(e, p) for e, ps in agreed.items() for p in ps} <= made, "each agreement wrote its collaboration"
    split = training.future_split(store, training.choose_year(training.partnership_years(store)) or 0)
    read = outcomes.read_outcomes(store)
    outcomes.hide_outcomes(split, read)
    for o in read:
        if o.relation:
            assert o.relation in split.held_out
        assert o.partner not in split.truths.get((o.enterprise, o.kind), set()), "labelled by its outcome, once"


def test_a_later_decision_on_the_same_pair_replaces_the_earlier(engine: EngineConnection) -> None:
    store = EmbeddedStore(engine, "outcome_relabel")
    store.clear()
    with acting_as(MANAGER):
        load_demo(store, synthetic_size=200)
        enterprise = str(next(iter(entities_of(store, EntityKind.ENTERPRISE)))["uid"])
        partner = next(c.uid for c in rate_pool(store, enterprise, kinds=[EntityKind.SCIENTIST]))
        _decline(store, _introduce(store, enterprise, partner, START), START, Decline(DeclineReason.CAPABILITY))
        assert [o.agreed for o in outcomes.read_outcomes(store)] == [False]
        later = START + timedelta(days=30)
        _agree(store, _introduce(store, enterprise, partner, later), later)
        assert [o.agreed for o in outcomes.read_outcomes(store)] == [True]
        last = START + timedelta(days=60)
        _decline(store, _introduce(store, enterprise, partner, last), last, NOT_NOW)
        assert outcomes.read_outcomes(store) == [], "a later 'not now' leaves the pair without a label"
        assert outcome_report(store, seed=7) == {"agreed": 0, "declined": 0, "minimum": outcomes.MIN_OUTCOMES}
    engine.delete_graph(store.graph_name)


def test_the_ranker_trained_on_outcomes_ranks_agreed_above_declined_for_held_out_enterprises(
    decided: tuple[EmbeddedStore, dict[str, set[str]]],
) -> None:
    store, _ = decided
    fitted = training.fit(store)
    report = fitted.report
    assert report.outcomes == 4 * ENTERPRISES
    quality = report.validation["outcomes"]
    assert (quality["agreed"], quality["declined"]) == (2 * ENTERPRISES, 2 * ENTERPRISES)
    order = quality["agreed above declined"]
    print(
        "agreed above declined:", order, "recall@10:", report.validation["learned"], report.validation["history only"]
    )
    assert order["learned"] >= 0.8
    assert order["learned"] > order["history only"] + 0.2
    assert order["learned"] > order["hand-weighted"] + 0.2, "a preference the hand-weighted score does not share"
    meta = fitted.model.meta["outcomes"]
    assert meta == {"examples": 4 * ENTERPRISES, "agreed": 2 * ENTERPRISES}
    history = report.validation["history only"]["recall@10"]
    assert report.validation["learned"]["recall@10"] >= history - 0.03, "the history's own order is kept"

    # What graph-service evaluate --this-graph prints of them.
    summary = outcome_summary(report.validation)
    empty = {"queries": {"all": 0, "cold_start": 0}, "held_out_edges": 0, "seconds": 0}
    lines = render("demo", {**empty, "outcomes": summary})
    assert f"{2 * ENTERPRISES} agreed, {2 * ENTERPRISES} declined, enterprises held out" in lines
    learned_row = next(line for line in lines.splitlines() if line.startswith("learned "))
    assert learned_row.split()[1:] == [f"{order['learned']:.4f}", f"{report.validation['learned']['recall@10']:.4f}"]


def test_outcome_quality_is_not_reported_from_a_handful() -> None:
    few = [
        outcomes.OutcomeGroup("ent", EntityKind.SCIENTIST, {"a": 1, "d": 0}, (_rated("a", 0.1), _rated("d", 0.9)))
    ] * (outcomes.MIN_OUTCOMES - 1)
    report = training.outcome_quality(few, {}, {})
    assert report["agreed"] == outcomes.MIN_OUTCOMES - 1
    assert "agreed above declined" not in report


def _rated(uid: str, score: float) -> RatedCandidate:
    return RatedCandidate(uid, EntityKind.SCIENTIST.value, {}, score)
