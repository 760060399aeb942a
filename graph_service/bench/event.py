"""``bench event``: a matchmaking event plan, its time split into scoring and optimisation, and memory.

Two plans over the same enterprises: with partners recommended for each (the pool the
recommender scores), and with a given list of partners, every enterprise scored against
every partner — the 200 × 500 of issue 19. The given partners are the ones recommended
most often, topped up with a seeded sample of the partner kinds. The target is a plan in
under twice the time of scoring its pairs (``ratio`` below 2).
"""

from __future__ import annotations

import random
import resource
import time
from collections import Counter
from dataclasses import dataclass

from graph_service.ontology import EntityKind
from graph_service.services.explore.entities import list_entities
from graph_service.services.match.ranking import PARTNER_KINDS
from graph_service.services.programmes import event
from graph_service.services.programmes.event_pairs import ScoredPairs
from graph_service.services.programmes.event_request import check_request, resolve
from graph_service.store import GraphStore

PAGE = 100


@dataclass(frozen=True, slots=True)
class EventRun:
    """One plan's figures; times in milliseconds, memory the process's peak resident set."""

    enterprises: int
    partners: int
    rounds: int
    pairs: int
    meetings: int
    total_score: float
    scoring_ms: float
    bmatching_ms: float
    colouring_ms: float
    explain_ms: float
    optimise_ms: float
    plan_ms: float
    ratio: float
    peak_mb: float


def _uids(store: GraphStore, kind: EntityKind) -> list[str]:
    uids: list[str] = []
    after = None
    while True:
        page = list_entities(store, kind, first=PAGE, after=after)
        uids += [e.uid for e in page.items]
        if not page.has_next:
            return uids
        after = page.end_cursor


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)


def peak_mb() -> float:
    """This process's peak resident memory so far (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def plan_once(
    store: GraphStore, enterprises: list[str], partners: list[str] | None, rounds: int
) -> tuple[EventRun, ScoredPairs]:
    """One plan, timed stage by stage: lookup and scoring, b-matching, colouring, reasons."""
    request = check_request(enterprises, partners=partners, rounds=rounds)
    started = time.perf_counter()
    firms, given = resolve(store, request)
    looked_up = time.perf_counter()
    pairs = event.score_pairs(store, request, given)
    scored = time.perf_counter()
    chosen = event.choose(request, pairs)
    matched = time.perf_counter()
    slots = event.rounds_of(chosen, pairs)
    coloured = time.perf_counter()
    plan = event.lay_out(request, firms, pairs, chosen, slots)
    done = time.perf_counter()
    scoring = _ms(looked_up, scored)
    optimise = _ms(scored, coloured)
    run = EventRun(
        len(request.enterprises),
        len(pairs.partners),
        rounds,
        plan.candidate_pairs,
        len(plan.meetings),
        plan.total_score,
        scoring,
        _ms(scored, matched),
        _ms(matched, coloured),
        _ms(coloured, done),
        optimise,
        _ms(started, done),
        round(_ms(started, done) / scoring, 2) if scoring else 0.0,
        peak_mb(),
    )
    return run, pairs


def measure(
    store: GraphStore, *, enterprises: int, partners: int, rounds: int, seed: int = 19
) -> tuple[EventRun, EventRun]:
    """The recommended-partners plan and the given-partners plan over the same sampled enterprises."""
    rng = random.Random(seed)
    firms = _uids(store, EntityKind.ENTERPRISE)
    firms = sorted(rng.sample(firms, min(enterprises, len(firms))))
    recommended, pairs = plan_once(store, firms, None, rounds)
    counts = Counter(p for _, p in pairs.scores)
    chosen = [p for p, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))][:partners]
    if len(chosen) < partners:
        others = sorted({u for k in PARTNER_KINDS for u in _uids(store, k)} - set(chosen))
        chosen += rng.sample(others, min(partners - len(chosen), len(others)))
    given, _ = plan_once(store, firms, chosen, rounds)
    return recommended, given


def summary(run: EventRun) -> str:
    """The one line a script reads."""
    return (
        f"event enterprises={run.enterprises} partners={run.partners} rounds={run.rounds} pairs={run.pairs}"
        f" scoring_ms={run.scoring_ms} optimise_ms={run.optimise_ms} bmatching_ms={run.bmatching_ms}"
        f" colouring_ms={run.colouring_ms} explain_ms={run.explain_ms} plan_ms={run.plan_ms}"
        f" ratio={run.ratio} peak_mb={run.peak_mb}"
    )
