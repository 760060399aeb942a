"""recommend_partners: who an entity should work with for a need, ranked and explained.

Candidates are gathered in ``candidates.py`` (rosters, shared neighbours), scored and
explained in ``ranking.py``; this is the entry point the API and the CLI call.
"""

from __future__ import annotations

from graph_service.domain.recommendation import Recommendation
from graph_service.errors import LimitExceededError
from graph_service.ontology import EntityKind
from graph_service.services.access import policy
from graph_service.services.match.candidates import Need
from graph_service.services.match.need_text import NeedReading, read_need
from graph_service.services.match.ranking import PARTNER_KINDS, LearnedScorer, score_candidates
from graph_service.store import GraphStore

MAX_RESULTS = 50

__all__ = ["MAX_RESULTS", "PARTNER_KINDS", "Need", "recommend_partners", "score_candidates", "understand_need"]


def understand_need(store: GraphStore, text: str) -> NeedReading:
    """What a need text is read as: the fields it names, with the words behind them and those not understood."""
    policy.require_read()
    return read_need(store, text)


def recommend_partners(
    store: GraphStore,
    uid: str,
    *,
    kinds: list[EntityKind] | None = None,
    need: Need | None = None,
    region: str | None = None,
    first: int = 10,
    weights: dict[str, float] | None = None,
    include_existing: bool = False,
    learned: bool = True,
    model: LearnedScorer | None = None,
) -> list[Recommendation]:
    """Partners for ``uid``, best first, each with its score, components, reasons and evidence."""
    if not 1 <= first <= MAX_RESULTS:
        raise LimitExceededError(f"first must be between 1 and {MAX_RESULTS} / 最多推荐 {MAX_RESULTS} 个")
    return score_candidates(
        store,
        uid,
        kinds=kinds,
        need=need,
        region=region,
        weights=weights,
        include_existing=include_existing,
        keep=first,
        each_kind=False,
        learned=learned,
        model=model,
    )
