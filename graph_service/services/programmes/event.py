"""plan_event: a matchmaking session (精准对接会) of one-to-one meetings over a number of rounds.

Each enterprise meets at most one partner per round and at most ``per_enterprise`` in
all; each partner meets at most one enterprise per round and at most ``capacity`` in all;
no pair meets twice. The meetings are chosen to maximise the total fit — a maximum-weight
b-matching, exact (``b_matching``) — and then laid into rounds by bipartite edge colouring
(``edge_colouring``): both quotas are capped at the number of rounds, so no participant
has more meetings than there are rounds, and König's theorem fits them all in. The plan
is optimal, not greedy; scores are the recommender's (``event_pairs``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import Reason
from graph_service.ontology import EntityKind
from graph_service.services.programmes.b_matching import max_weight_b_matching
from graph_service.services.programmes.edge_colouring import bipartite_edge_colouring
from graph_service.services.programmes.event_pairs import ScoredPairs, given_pairs, recommended_pairs
from graph_service.services.programmes.event_request import EventRequest, check_request, resolve
from graph_service.store import GraphStore

# Scores in [0, 1] with six decimals become integer weights without loss.
SCALE = 1_000_000
NAMES_TOLD = 3

__all__ = ["EventPlan", "EventRequest", "Meeting", "Unmatched", "check_request", "plan_event", "schedule"]


@dataclass(frozen=True, slots=True)
class Meeting:
    """One meeting: its round (from 1), the partner's table (the same every round), the pair and why."""

    round: int
    table: int
    enterprise: Entity
    partner: Entity
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An enterprise with fewer meetings than it may hold, and why, in Chinese and English."""

    enterprise: Entity
    meetings: int
    wanted: int
    zh: str
    en: str

    @property
    def why(self) -> str:
        return f"{self.zh} / {self.en}"


@dataclass(frozen=True, slots=True)
class EventPlan:
    """The schedule, its total fit, the enterprises short of meetings, and which scorer scored it."""

    rounds: int
    capacity: int
    per_enterprise: int
    total_score: float
    meetings: tuple[Meeting, ...]
    unmatched: tuple[Unmatched, ...]
    enterprises: tuple[Entity, ...]
    scorer: str
    candidate_pairs: int


def plan_event(
    store: GraphStore,
    enterprises: list[str],
    *,
    partners: list[str] | None = None,
    kinds: list[EntityKind] | None = None,
    rounds: int,
    capacity: int | None = None,
    per_enterprise: int | None = None,
) -> EventPlan:
    """The best schedule of meetings between ``enterprises`` and partners (given, or recommended of ``kinds``)."""
    request = check_request(
        enterprises, partners=partners, kinds=kinds, rounds=rounds, capacity=capacity, per_enterprise=per_enterprise
    )
    firms, given = resolve(store, request)
    return schedule(request, firms, score_pairs(store, request, given))


def schedule(request: EventRequest, firms: dict[str, Entity], pairs: ScoredPairs) -> EventPlan:
    """The optimal plan over the scored ``pairs``: the meetings chosen, then laid into rounds."""
    chosen = choose(request, pairs)
    return lay_out(request, firms, pairs, chosen, rounds_of(chosen, pairs))


def score_pairs(store: GraphStore, request: EventRequest, given: dict[str, Entity] | None) -> ScoredPairs:
    """The candidate pairs and their scores (the recommender's work)."""
    if given is not None:
        return given_pairs(store, request.enterprises, given)
    return recommended_pairs(store, request.enterprises, list(request.kinds), request.meetings)


def choose(request: EventRequest, pairs: ScoredPairs) -> list[tuple[str, str]]:
    """The meetings of greatest total score within every quota (pairs that fit not at all are left out)."""
    weights = {pair: round(score * SCALE) for pair, score in pairs.scores.items() if score > 0}
    left = dict.fromkeys(request.enterprises, request.meetings)
    right = dict.fromkeys(pairs.partners, request.partner_meetings)
    return max_weight_b_matching(weights, left, right)


def rounds_of(chosen: list[tuple[str, str]], pairs: ScoredPairs) -> dict[tuple[str, str], int]:
    """Each meeting's round, from 0; the best meetings are placed first, so they come early."""
    ordered = sorted(chosen, key=lambda pair: (-pairs.scores[pair], pair))
    return dict(zip(ordered, bipartite_edge_colouring(ordered), strict=True))


def lay_out(
    request: EventRequest,
    firms: dict[str, Entity],
    pairs: ScoredPairs,
    chosen: list[tuple[str, str]],
    rounds: dict[tuple[str, str], int],
) -> EventPlan:
    """The plan: meetings by round and table, each with its reasons, and the enterprises left short."""
    tables = {uid: n for n, uid in enumerate(sorted({p for _, p in chosen}), start=1)}
    meetings = sorted(
        (
            Meeting(
                rounds[(e, p)] + 1, tables[p], firms[e], pairs.partners[p], pairs.scores[(e, p)], pairs.explain(e, p)
            )
            for e, p in chosen
        ),
        key=lambda m: (m.round, m.table),
    )
    total = round(sum(pairs.scores[pair] for pair in chosen), 6)
    return EventPlan(
        request.rounds,
        request.partner_meetings,
        request.meetings,
        total,
        tuple(meetings),
        tuple(_unmatched(request, firms, pairs, chosen)),
        tuple(firms[uid] for uid in request.enterprises),
        pairs.scorer,
        sum(1 for score in pairs.scores.values() if score > 0),
    )


def _unmatched(
    request: EventRequest, firms: dict[str, Entity], pairs: ScoredPairs, chosen: list[tuple[str, str]]
) -> list[Unmatched]:
    held = Counter(e for e, _ in chosen)
    booked = Counter(p for _, p in chosen)
    met = set(chosen)
    fits: dict[str, list[str]] = {}
    for (e, p), score in sorted(pairs.scores.items(), key=lambda item: (-item[1], item[0])):
        if score > 0:
            fits.setdefault(e, []).append(p)
    out = []
    for uid in request.enterprises:
        count = held[uid]
        if count >= request.meetings:
            continue
        candidates = fits.get(uid, [])
        unmet = [p for p in candidates if (uid, p) not in met]
        if not candidates:
            zh = "没有合适的对接对象：推荐器未找到候选，或所给合作伙伴与其均不匹配"
            en = "no partner fits: the recommender found no candidate, or none of the partners given fits it"
        elif not unmet:
            zh = f"仅有 {len(candidates)} 个合适的对接对象，已全部安排"
            en = f"only {len(candidates)} partner(s) fit, and all of them are scheduled"
        else:
            # An optimal plan leaves a fitting pair out only when the partner is fully booked.
            full = [p for p in unmet if booked[p] >= request.partner_meetings]
            shown = [pairs.partners[p] for p in full[:NAMES_TOLD]]
            more_zh, more_en = ("等", " and others") if len(full) > NAMES_TOLD else ("", "")
            names_zh = "、".join(e.name for e in shown)
            names_en = "; ".join(str(e.properties.get("name_en") or e.name) for e in shown)
            zh = f"其余候选对象（{names_zh}{more_zh}）的名额已被更匹配的会谈占满"
            en = f"the other candidates ({names_en}{more_en}) are fully booked by better-fitting meetings"
        out.append(Unmatched(firms[uid], count, request.meetings, zh, en))
    return out
