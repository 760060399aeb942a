"""Named partners scored for an asker exactly as the recommender scores its pool.

A programme that is given its partners (a matchmaking event with a list of experts and
investors) needs the fit of pairs the recommender's pool may not have reached. Each pair
gets the same assessment — components and features from the partner's profile and what
the asker's candidate sources found of it (shared neighbours, paths of three, field
hits) — and the same total: the graph's trained model where there is one, else the
hand-weighted mean. Profiles are read once for all askers; reasons are built only for
the pairs that are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import HAND_WEIGHTED, Reason
from graph_service.services.access import policy
from graph_service.services.match import explain
from graph_service.services.match.candidates import Candidate, Focus, gather, load_focus
from graph_service.services.match.ranker import active_ranker
from graph_service.services.match.ranking import assess, read_profiles
from graph_service.services.match.records import NO_RECORD, read_records
from graph_service.services.match.scoring import total
from graph_service.services.match.weights import resolve_weights
from graph_service.store import GraphStore


@dataclass(frozen=True, slots=True)
class AskerPairs:
    """One asker's score with each named partner, and what its reasons would rest on."""

    focus: Focus
    found: dict[str, Candidate]  # what the asker's sources found of the named partners
    scores: dict[str, float]  # partner uid -> score in [0, 1]


class PairScorer:
    """Scores askers against one list of partners (whose profiles are read once)."""

    def __init__(self, store: GraphStore, partners: list[str]) -> None:
        self.store = store
        rows = read_profiles(store, dict.fromkeys(sorted(set(partners))))
        self.profiles: dict[str, dict[str, Any]] = {str(r["entity"]["uid"]): r for r in rows}
        self.records = read_records(store, self.profiles)
        self.kinds = sorted({str(r["entity"]["kind"]) for r in rows})
        self.model = active_ranker(store)
        self.weights = resolve_weights(None)

    @property
    def scorer(self) -> str:
        """Which scorer the scores come from, as a recommendation names it."""
        return self.model.label if self.model else HAND_WEIGHTED

    def score(self, uid: str) -> AskerPairs:
        """``uid``'s score with every partner but itself."""
        policy.require_recommend_for(uid)
        focus = load_focus(self.store, uid, None)
        reached = gather(self.store, focus, self.kinds, [])
        found = {p: c for p, c in reached.items() if p in self.profiles}
        scores: dict[str, float] = {}
        for partner, row in self.profiles.items():
            if partner == uid:
                continue
            assessed = assess(focus, row, found.get(partner))
            value = self.model.score(assessed.features) if self.model else total(assessed.scores, self.weights)
            scores[partner] = round(value, 6)
        return AskerPairs(focus, found, scores)

    def reasons(self, pairs: AskerPairs, partner: str) -> tuple[Reason, ...]:
        """Why ``partner`` fits the asker of ``pairs``, in Chinese and English, as a recommendation says it."""
        row = self.profiles[partner]
        candidate = pairs.found.get(partner)
        assessed = assess(pairs.focus, row, candidate)
        record = self.records.get(partner, NO_RECORD)
        return explain.reasons(pairs.focus, Entity.from_row(row["entity"]), row, candidate, assessed, record)
