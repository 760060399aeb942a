"""The fit of each enterprise–partner pair an event could hold, from the recommender's own scoring.

With a list of partners, every enterprise is scored against every partner, as the
recommender scores its pool (``services.match.pairs``). Without one, each enterprise's
best candidates of the asked kinds come from the recommender itself (``score_candidates``),
with their scores and reasons as ``recommendPartners`` returns them. Either way a better
recommender makes a better plan, and a pair's reasons are those a recommendation gives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import HAND_WEIGHTED, Reason
from graph_service.ontology import EntityKind
from graph_service.services.match.pairs import AskerPairs, PairScorer
from graph_service.services.match.ranking import score_candidates
from graph_service.store import GraphStore

# Candidates taken from the recommender per enterprise: a few times what it can meet, so
# that the optimiser can move an enterprise off a partner others need more.
CANDIDATES_PER_MEETING = 4
MIN_CANDIDATES, MAX_CANDIDATES = 10, 50


@dataclass(frozen=True, slots=True)
class ScoredPairs:
    """Each pair's score in [0, 1], the partners' entities, and how to explain a pair."""

    scores: dict[tuple[str, str], float]  # (enterprise uid, partner uid) -> score
    partners: dict[str, Entity]
    scorer: str
    explain: Callable[[str, str], tuple[Reason, ...]]


def candidates_per_enterprise(meetings: int) -> int:
    """How many recommended candidates an enterprise that may hold ``meetings`` meetings brings.

    >>> candidates_per_enterprise(1), candidates_per_enterprise(6), candidates_per_enterprise(20)
    (10, 24, 50)
    """
    return max(MIN_CANDIDATES, min(MAX_CANDIDATES, CANDIDATES_PER_MEETING * meetings))


def recommended_pairs(
    store: GraphStore, enterprises: Sequence[str], kinds: list[EntityKind], meetings: int
) -> ScoredPairs:
    """Each enterprise with its best recommended candidates of ``kinds`` (not its existing partners)."""
    keep = candidates_per_enterprise(meetings)
    scores: dict[tuple[str, str], float] = {}
    reasons: dict[tuple[str, str], tuple[Reason, ...]] = {}
    partners: dict[str, Entity] = {}
    scorers: set[str] = set()
    for uid in enterprises:
        for rec in score_candidates(store, uid, kinds=kinds, keep=keep, each_kind=False):
            pair = (uid, rec.partner.uid)
            scores[pair] = rec.score
            reasons[pair] = rec.reasons
            partners.setdefault(rec.partner.uid, rec.partner)
            scorers.add(rec.scorer)
    scorer = " + ".join(sorted(scorers)) or HAND_WEIGHTED
    return ScoredPairs(scores, partners, scorer, lambda e, p: reasons[(e, p)])


def given_pairs(store: GraphStore, enterprises: Sequence[str], partners: dict[str, Entity]) -> ScoredPairs:
    """Every enterprise scored against every partner in ``partners`` (but itself)."""
    scorer = PairScorer(store, list(partners))
    asked: dict[str, AskerPairs] = {}
    scores: dict[tuple[str, str], float] = {}
    for uid in enterprises:
        asked[uid] = scorer.score(uid)
        for partner, value in asked[uid].scores.items():
            scores[(uid, partner)] = value
    return ScoredPairs(scores, dict(partners), scorer.scorer, lambda e, p: scorer.reasons(asked[e], p))
