"""Matchmaking event plans on a hand-built ecosystem, on both engines: optimal and within every rule."""

from __future__ import annotations

from collections import Counter

import pytest

from graph_service.domain.entities import Entity
from graph_service.ontology import EntityKind
from graph_service.services.match.ranking import score_candidates
from graph_service.services.programmes import event_request
from graph_service.services.programmes.event import EventPlan, EventRequest, plan_event, schedule, score_pairs
from graph_service.services.programmes.event_pairs import ScoredPairs
from graph_service.store import GraphStore
from tests import event_ecosystem

pytestmark = pytest.mark.both_engines

Pair = tuple[str, str]


@pytest.fixture(scope="module")
def eco(module_store: GraphStore) -> GraphStore:
    event_ecosystem.build(module_store)
    return module_store


def _request(partners: list[str] | None, rounds: int, capacity: int | None, per: int | None) -> EventRequest:
    return event_request.check_request(
        event_ecosystem.ENTERPRISES, partners=partners, rounds=rounds, capacity=capacity, per_enterprise=per
    )


def _pairs(store: GraphStore, partners: list[str] | None) -> tuple[dict[str, Entity], ScoredPairs]:
    request = _request(partners, 3, None, None)
    firms, given = event_request.resolve(store, request)
    return firms, score_pairs(store, request, given)


def brute_force(scores: dict[Pair, float], per_enterprise: int, capacity: int) -> float:
    """The best total over every set of distinct pairs within both quotas (depth-first, pruned by the quotas)."""
    pairs = sorted(p for p, s in scores.items() if s > 0)
    best = 0.0
    held: Counter[str] = Counter()
    booked: Counter[str] = Counter()

    def walk(index: int, total: float) -> None:
        nonlocal best
        if index == len(pairs):
            best = max(best, total)
            return
        walk(index + 1, total)
        e, p = pairs[index]
        if held[e] < per_enterprise and booked[p] < capacity:
            held[e] += 1
            booked[p] += 1
            walk(index + 1, total + scores[(e, p)])
            held[e] -= 1
            booked[p] -= 1

    walk(0, 0.0)
    return best


def assert_within_the_rules(plan: EventPlan, rounds: int, capacity: int, per_enterprise: int) -> None:
    pairs = [(m.enterprise.uid, m.partner.uid) for m in plan.meetings]
    assert len(set(pairs)) == len(pairs), "no pair meets twice"
    assert all(1 <= m.round <= rounds for m in plan.meetings), "the schedule fits in the rounds"
    per_round_firm = Counter((m.round, m.enterprise.uid) for m in plan.meetings)
    per_round_partner = Counter((m.round, m.partner.uid) for m in plan.meetings)
    assert max(per_round_firm.values(), default=0) <= 1
    assert max(per_round_partner.values(), default=0) <= 1
    assert max(Counter(e for e, _ in pairs).values(), default=0) <= min(per_enterprise, rounds)
    assert max(Counter(p for _, p in pairs).values(), default=0) <= min(capacity, rounds)
    tables = {(m.partner.uid, m.table) for m in plan.meetings}
    assert len(tables) == len({m.partner.uid for m in plan.meetings}), "a partner keeps its table"
    assert plan.total_score == pytest.approx(sum(m.score for m in plan.meetings))


SETTINGS = [(1, None, None), (2, 1, None), (3, 2, 2), (3, None, 1), (2, 3, 5)]


@pytest.mark.parametrize("given", [False, True], ids=["recommended", "given"])
def test_plan_total_equals_brute_force_and_keeps_every_rule(eco: GraphStore, given: bool) -> None:
    partners = event_ecosystem.PARTNERS if given else None
    firms, pairs = _pairs(eco, partners)  # scored once; each setting plans over the same pairs
    for rounds, capacity, per in SETTINGS:
        plan = schedule(_request(partners, rounds, capacity, per), firms, pairs)
        cap, quota = min(capacity or rounds, rounds), min(per or rounds, rounds)
        assert_within_the_rules(plan, rounds, cap, quota)
        assert plan.total_score == pytest.approx(brute_force(pairs.scores, quota, cap), abs=1e-6), (rounds, capacity)
        for m in plan.meetings:
            assert m.score == pairs.scores[(m.enterprise.uid, m.partner.uid)]
            assert m.reasons
            assert all(r.zh and r.en for r in m.reasons)
    # The whole path, from uids to plan, gives the same plan as its parts.
    whole = plan_event(eco, event_ecosystem.ENTERPRISES, partners=partners, rounds=2, capacity=1)
    assert whole == schedule(_request(partners, 2, 1, None), firms, pairs)


def test_with_degree_equal_to_rounds_the_schedule_fits(eco: GraphStore) -> None:
    plan = plan_event(eco, event_ecosystem.ENTERPRISES, partners=event_ecosystem.PARTNERS, rounds=4)
    assert_within_the_rules(plan, 4, 4, 4)
    degrees = Counter(m.enterprise.uid for m in plan.meetings) + Counter(m.partner.uid for m in plan.meetings)
    assert max(degrees.values()) == 4, "some participant meets in every round"
    assert {m.round for m in plan.meetings} == {1, 2, 3, 4}
    assert len(plan.meetings) == 16  # 4 x 6 pairs fit: every enterprise meets 4 times
    assert not plan.unmatched


def test_given_pairs_score_as_the_recommender_scores_them(eco: GraphStore) -> None:
    _, given = _pairs(eco, event_ecosystem.PARTNERS)
    for firm in event_ecosystem.ENTERPRISES:
        recommended = score_candidates(eco, firm, kinds=[EntityKind.SCIENTIST, EntityKind.INSTITUTION], each_kind=False)
        assert recommended
        for rec in recommended:
            assert given.scores[(firm, rec.partner.uid)] == rec.score, (firm, rec.partner.uid)


def test_unmatched_enterprises_say_why(eco: GraphStore) -> None:
    plan = plan_event(eco, ["ent:chip", "ent:power", "ent:grid"], partners=["sci:wang"], rounds=2, capacity=1)
    assert len(plan.meetings) == 1
    assert plan.meetings[0].enterprise.uid in {"ent:chip", "ent:power"}
    short = {u.enterprise.uid: u for u in plan.unmatched}
    assert set(short) == {"ent:chip", "ent:power", "ent:grid"}
    met = plan.meetings[0].enterprise.uid
    assert "仅有 1 个" in short[met].zh
    assert "all of them are scheduled" in short[met].en
    for uid in set(short) - {met}:
        assert "王研究员" in short[uid].zh
        assert "Prof. Wang" in short[uid].en
        assert "fully booked" in short[uid].en
    alone = plan_event(eco, ["ent:chip", "ent:power"], partners=["ent:chip"], rounds=1)
    why = {u.enterprise.uid: u.why for u in alone.unmatched}
    assert "没有合适的对接对象" in why["ent:chip"]
    assert "no partner fits" in why["ent:chip"]
