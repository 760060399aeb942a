"""Introductions' outcomes as the ranker's labels: an agreed partner a positive, a declined one a hard negative.

A decided introduction is the label the product most wants to predict: people weighed a
proposed pair and said yes or no. The graph's history only says who tied to whom later.
Declines teach only where the reason is about the pair (not relevant, capability, too
expensive, other); "timing", "already has a partner" and "no response" say nothing about
whether the partner fitted and are left out. When one pair was decided twice, the later
decision counts.

Each outcome is rated in its enterprise's pool on the training copy, asked as the
introduction was (with its need's fields and text where it names a need), and the
relationship an agreement created is held out of that copy: otherwise the partner would
be an existing partner, scored by the very tie the outcome produced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from graph_service.domain.workflow import DeclineReason, IntroductionStatus
from graph_service.errors import GraphServiceError, StoreError
from graph_service.ontology import EntityKind
from graph_service.services.holdout.split import Split
from graph_service.services.match.candidates import Need
from graph_service.services.match.ranking import RatedCandidate, rate_pool
from graph_service.store import GraphStore

MIN_OUTCOMES = 10  # of each label, below which outcome quality is not reported
TEACHING_DECLINES = frozenset(
    {DeclineReason.NOT_RELEVANT, DeclineReason.CAPABILITY, DeclineReason.TOO_EXPENSIVE, DeclineReason.OTHER}
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One decided introduction: who was introduced to whom, for what, and the answer."""

    introduction: str
    enterprise: str
    partner: str
    kind: EntityKind
    agreed: bool
    fields: tuple[str, ...] = ()
    text: str = ""
    relation: tuple[str, str, str] | None = None  # (source, type, target) the agreement created


@dataclass(frozen=True, slots=True)
class OutcomeGroup:
    """The introduced partners of one enterprise, asked one way, rated in its pool and labelled."""

    asker: str
    kind: EntityKind
    labels: dict[str, int]  # partner uid -> 1 agreed, 0 declined
    pool: tuple[RatedCandidate, ...]  # only the introduced partners
    asked: str = "outcome"  # how it was asked (the need's fields and text): one group per way

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.asker, self.kind.value, self.asked)


def read_outcomes(store: GraphStore) -> list[Outcome]:
    """Every decided introduction that teaches, oldest first, the later decision of a pair replacing the earlier."""
    rows = store.read(
        "introduction_outcomes", {"statuses": [IntroductionStatus.AGREED.value, IntroductionStatus.DECLINED.value]}
    )
    latest: dict[tuple[str, str], Outcome] = {}
    for row in rows:
        try:
            kind = EntityKind(row["partner_kind"])
        except ValueError:
            continue
        agreed = row["status"] == IntroductionStatus.AGREED.value
        pair = (str(row["enterprise"]), str(row["partner"]))
        if not agreed and row.get("decline_reason") not in TEACHING_DECLINES:
            latest.pop(pair, None)  # a later "not now" replaces an earlier answer without teaching
            continue
        relation = None
        if agreed and row.get("relation_type"):
            relation = (str(row["relation_source"]), str(row["relation_type"]), str(row["relation_target"]))
        latest.pop(pair, None)  # re-inserted: the dict keeps decisions in the order they were made
        latest[pair] = Outcome(
            str(row["id"]),
            pair[0],
            pair[1],
            kind,
            agreed,
            tuple(str(f) for f in row.get("fields") or []),
            str(row.get("text") or ""),
            relation,
        )
    return list(latest.values())


def hide_outcomes(split: Split, outcomes: Iterable[Outcome]) -> None:
    """Hold the agreements' relationships out of the training copy; an outcome labels its pair, history does not."""
    for outcome in outcomes:
        if outcome.relation is not None:
            split.held_out.add(outcome.relation)
        key = (outcome.enterprise, outcome.kind)
        if key in split.truths:
            split.truths[key].discard(outcome.partner)
            if not split.truths[key]:
                del split.truths[key]


def rate_outcomes(
    train: GraphStore, outcomes: Sequence[Outcome], progress: Callable[[int], None] | None = None
) -> list[OutcomeGroup]:
    """Each introduced partner's features in its enterprise's pool on ``train``, asked as the introduction was."""
    asked: dict[tuple[str, EntityKind, tuple[str, ...], str], dict[str, int]] = defaultdict(dict)
    for o in outcomes:
        asked[(o.enterprise, o.kind, o.fields, o.text)][o.partner] = 1 if o.agreed else 0
    groups = []
    for (enterprise, kind, fields, text), labels in asked.items():
        need = Need(fields=list(fields), text=text) if fields or text else None
        try:
            pool = rate_pool(train, enterprise, kinds=[kind], need=need, also=dict.fromkeys(labels, kind.value))
        except StoreError:
            raise
        except GraphServiceError:
            continue  # the enterprise or its need is gone from the graph: nothing to rate
        rated = tuple(c for c in pool if c.uid in labels)
        if rated:
            asked_as = "outcome:" + ",".join(fields) + ":" + text
            groups.append(OutcomeGroup(enterprise, kind, {c.uid: labels[c.uid] for c in rated}, rated, asked_as))
        if progress:
            progress(1)
    return groups


def pairwise_order(
    groups: Sequence[OutcomeGroup], score: Callable[[OutcomeGroup, RatedCandidate], float]
) -> float | None:
    """The share of (agreed, declined) pairs of one enterprise that ``score`` puts the right way round (ties half).

    >>> a = RatedCandidate("a", "Scientist", {"x": 1.0}, 0.9)
    >>> d = RatedCandidate("d", "Scientist", {"x": 0.0}, 0.2)
    >>> g = OutcomeGroup("ent", EntityKind.SCIENTIST, {"a": 1, "d": 0}, (a, d))
    >>> pairwise_order([g], lambda g, c: c.hand_score), pairwise_order([g], lambda g, c: -c.hand_score)
    (1.0, 0.0)
    """
    by_asker: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for group in groups:
        by_asker[group.asker] += [(score(group, c), group.labels[c.uid]) for c in group.pool]
    right = pairs = 0.0
    for scored in by_asker.values():
        agreed = [s for s, label in scored if label == 1]
        declined = [s for s, label in scored if label == 0]
        for a in agreed:
            for d in declined:
                pairs += 1
                right += 1.0 if a > d else 0.5 if a == d else 0.0
    return round(right / pairs, 4) if pairs else None
