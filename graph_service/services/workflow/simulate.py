"""A simulated stretch of the matchmaking workflow on the current graph, through the real services.

A sample of the enterprises that state technology needs post one each, at moments spread
over the first half of the simulated days; managers take most into docking and propose introductions to the
recommender's best candidates (``queue.best_candidates``); each introduction then moves
through the statuses with seeded outcomes and delays, every step dated (``now=``) and
executed in time order, so the records, their histories and the audit log read as a month
of real use. Nothing after the last simulated day happens: introductions still under way
stay so. Agreements write no relationship, so the graph itself is left as it was.

**Rates** (``Rates``; chosen so that about 14–15 % of introductions end agreed, the
introduction rate IN-PART reports):

- 70 % of needs are taken into docking, 1–5 days after posting, with 1–3 introductions;
  5 % of the others are withdrawn by the enterprise within the period;
- proposed → contacted 85 % (1–4 days), else declined by the enterprise;
- contacted → met 55 % (2–7 days), no answer 25 %, declined 20 %;
- no answer → contacted again 40 % (3–7 days), else declined with "no response";
- met → agreed 26 % (3–10 days), declined 49 %, no answer 25 %;
- a need whose introduction is agreed is met 1–3 days later (80 %).

Solved as a chain: from contacted, P(agreed) = A = 0.55 (0.26 + 0.25 × 0.4 A) + 0.25 × 0.4 A,
so A ≈ 0.169 and an introduction ends agreed with 0.85 A ≈ 14.4 %. Within a month fewer are
decided: what is still under way when it ends is counted as proposed but not agreed.
Programme: 40 % of introductions come from a matchmaking event of one programme of the graph
(the one asked for, or one drawn with the seed).
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from graph_service.domain.workflow import (
    Decline,
    DeclineReason,
    DeclineSide,
    IntroductionSource,
    IntroductionStatus,
    NeedStatus,
)
from graph_service.errors import FieldProblem, InvalidInputError, NotFoundError
from graph_service.ontology import EntityKind
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.workflow import inputs
from graph_service.services.workflow.introductions import IntroductionDraft, advance_introduction, propose_introduction
from graph_service.services.workflow.kpis import REPORTING_ZONE
from graph_service.services.workflow.needs import NeedDraft, change_need_status, post_need, read_need
from graph_service.services.workflow.queue import best_candidates
from graph_service.services.workflow.records import now_utc
from graph_service.store import GraphStore

IS = IntroductionStatus
MAX_DAYS = 366
MAX_NEEDS = 500
SIMULATOR = Principal(Role.MANAGER, token_id="simulation")
# Needs are posted in the first half of the days, so most of their introductions are decided within them.
POSTING_SHARE = 0.5
R = DeclineReason
EARLY_NO = ((R.NOT_RELEVANT, 4), (R.HAS_PARTNER, 3), (R.TIMING, 3))
LATE_NO = ((R.CAPABILITY, 3), (R.TOO_EXPENSIVE, 3), (R.TIMING, 2), (R.NOT_RELEVANT, 1), (R.HAS_PARTNER, 1))


@dataclass(frozen=True, slots=True)
class Rates:
    docked: float = 0.70
    withdrawn: float = 0.05
    contacted: float = 0.85
    met: float = 0.55
    no_answer_after_contact: float = 0.25
    chased_back: float = 0.40
    agreed: float = 0.26
    no_answer_after_meeting: float = 0.25
    need_met_after_agreement: float = 0.80
    under_programme: float = 0.40  # introductions brokered at a programme's matchmaking event


@dataclass(slots=True)
class SimulationReport:
    start: datetime
    end: datetime
    enterprises: int  # with stated needs, sampled from
    needs: int = 0
    introductions: int = 0
    statuses: Counter[str] = field(default_factory=Counter)  # introductions by final status
    programme: str | None = None
    skipped: int = 0  # steps the services refused (a need met meanwhile, a pair already under way)


def _pick(rng: random.Random, weighted: tuple[tuple[DeclineReason, int], ...]) -> DeclineReason:
    chosen: DeclineReason = rng.choices([r for r, _ in weighted], [w for _, w in weighted])[0]
    return chosen


class _Clock:
    """Events in time order: each runs at its moment and may schedule later ones."""

    def __init__(self, end: datetime) -> None:
        self.end = end
        self._queue: list[tuple[datetime, int, Callable[[datetime], object]]] = []
        self._order = itertools.count()

    def at(self, moment: datetime, action: Callable[[datetime], object]) -> None:
        if moment < self.end:
            heapq.heappush(self._queue, (moment, next(self._order), action))

    def run(self) -> None:
        while self._queue:
            moment, _, action = heapq.heappop(self._queue)
            action(moment)


def simulate(
    store: GraphStore,
    *,
    days: int = 30,
    seed: int = 1,
    needs: int = 40,
    start: datetime | None = None,
    programme: str | None = None,
    rates: Rates | None = None,
) -> SimulationReport:
    """Simulate ``days`` days from ``start`` (default: midnight, China time, ``days`` days ago)."""
    if not 1 <= days <= MAX_DAYS or not 1 <= needs <= MAX_NEEDS:
        raise InvalidInputError(
            f"days must be 1 to {MAX_DAYS} and needs 1 to {MAX_NEEDS} / 模拟天数须为 1–{MAX_DAYS}，需求数 1–{MAX_NEEDS}"
        )
    rate = rates or Rates()
    rng = random.Random(seed)
    today = now_utc().astimezone(REPORTING_ZONE).replace(hour=0, minute=0, second=0, microsecond=0)
    begin = start or today - timedelta(days=days)
    end = begin + timedelta(days=days)
    rows = store.read("simulate_enterprises", {"limit": 10 * MAX_NEEDS})
    programmes = [
        str(r["entity"]["uid"])
        for r in store.read("entities_page", {"after": "", "limit": 100}, slots={"kind": EntityKind.PROGRAMME})
    ]
    if programme is not None and programme not in programmes:
        problems: list[FieldProblem] = []
        chosen_programme = inputs.programme(store, programme, problems)
        if chosen_programme is None:
            raise InvalidInputError(f"no programme '{programme}' / 不存在该计划", problems)
        programmes = [chosen_programme]
    picked = programme or (rng.choice(programmes) if programmes else None)
    report = SimulationReport(begin, end, len(rows), programme=picked)
    if not rows:
        return report
    chosen = rng.sample(rows, min(needs, len(rows)))
    clock = _Clock(end)
    final: dict[str, str] = {}

    def later(moment: datetime, low: float, high: float) -> datetime:
        return moment + timedelta(hours=rng.uniform(low * 24, high * 24))

    def move(intro: str, to: IntroductionStatus, moment: datetime, decline: Decline | None = None) -> bool:
        try:
            advance_introduction(store, intro, to, decline=decline, now=moment)
        except (InvalidInputError, NotFoundError):
            report.skipped += 1
            return False
        final[intro] = to.value
        return True

    def decline(intro: str, moment: datetime, reason: DeclineReason, side: DeclineSide) -> None:
        move(intro, IS.DECLINED, moment, Decline(reason, "", side))

    def after_proposal(intro: str, need_id: str) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            if rng.random() < rate.contacted:
                if move(intro, IS.CONTACTED, moment):
                    clock.at(later(moment, 2, 7), after_contact(intro, need_id))
            else:
                decline(intro, moment, _pick(rng, EARLY_NO), DeclineSide.ENTERPRISE)

        return step

    def after_contact(intro: str, need_id: str) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            roll = rng.random()
            if roll < rate.met:
                if move(intro, IS.MET, moment):
                    clock.at(later(moment, 3, 10), after_meeting(intro, need_id))
            elif roll < rate.met + rate.no_answer_after_contact:
                if move(intro, IS.NO_ANSWER, moment):
                    clock.at(later(moment, 3, 7), after_silence(intro, need_id))
            else:
                decline(intro, moment, _pick(rng, LATE_NO), DeclineSide.PARTNER)

        return step

    def after_silence(intro: str, need_id: str) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            if rng.random() < rate.chased_back:
                if move(intro, IS.CONTACTED, moment):
                    clock.at(later(moment, 2, 7), after_contact(intro, need_id))
            else:
                decline(intro, moment, R.NO_RESPONSE, DeclineSide.PARTNER)

        return step

    def after_meeting(intro: str, need_id: str) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            roll = rng.random()
            if roll < rate.agreed:
                if move(intro, IS.AGREED, moment) and rng.random() < rate.need_met_after_agreement:
                    clock.at(later(moment, 1, 3), need_met(need_id))
            elif roll < rate.agreed + rate.no_answer_after_meeting:
                if move(intro, IS.NO_ANSWER, moment):
                    clock.at(later(moment, 3, 7), after_silence(intro, need_id))
            else:
                decline(intro, moment, _pick(rng, LATE_NO), rng.choice(list(DeclineSide)))

        return step

    def need_met(need_id: str) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            found = read_need(store, need_id)
            if found is not None and found.status in (NeedStatus.OPEN, NeedStatus.IN_DOCKING):
                change_need_status(store, need_id, NeedStatus.MET, note="simulated / 模拟", now=moment)

        return step

    def docking(need_id: str, count: int) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            found = read_need(store, need_id)
            if found is None or found.status not in (NeedStatus.OPEN, NeedStatus.IN_DOCKING):
                return
            for offset, rec in enumerate(best_candidates(store, found, first=count)):
                at = moment + timedelta(minutes=5 * offset)
                event = report.programme is not None and rng.random() < rate.under_programme
                draft = IntroductionDraft(
                    rec.partner.uid,
                    need=need_id,
                    source=IntroductionSource.EVENT_MEETING if event else IntroductionSource.RECOMMENDATION,
                    programme=report.programme if event else None,
                )
                try:
                    intro = propose_introduction(store, draft, now=at).id
                except InvalidInputError:
                    report.skipped += 1
                    continue
                report.introductions += 1
                final[intro] = IS.PROPOSED.value
                clock.at(later(at, 1, 4), after_proposal(intro, need_id))

        return step

    def posting(row: dict[str, object]) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            words = "、".join(str(n) for n in row["names"] or [])  # type: ignore[attr-defined]
            text = f"寻求{words}方面的技术合作与成果转化（模拟）"
            fields = [str(f) for f in row["fields"] or []][:10]  # type: ignore[attr-defined]
            need = post_need(store, NeedDraft(text, str(row["uid"]), fields), now=moment)
            report.needs += 1
            if rng.random() < rate.docked:
                clock.at(later(moment, 1, 5), docking(need.id, rng.randint(1, 3)))
            elif rng.random() < rate.withdrawn / (1 - rate.docked):
                withdraw = "simulated / 模拟"
                clock.at(
                    later(moment, 2, 10),
                    lambda at: change_need_status(store, need.id, NeedStatus.WITHDRAWN, note=withdraw, now=at),
                )

        return step

    for row in chosen:
        clock.at(begin + timedelta(seconds=rng.uniform(0, days * 86400 * POSTING_SHARE)), posting(dict(row)))
    with acting_as(SIMULATOR):
        clock.run()
    report.statuses = Counter(final.values())
    return report
