"""Who to recruit for a chain's gaps, and the few recruits that close the most gap severity.

Suggestions come from the recommender with the segment as the asker and its required
fields as the need; candidates from outside the region are included (geography only
lowers their score). ``close_gaps`` chooses greedily: each pick is the recruit whose
suggestions cover the most still-open severity, shown with that marginal gain.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.domain.recommendation import Recommendation
from graph_service.errors import GraphServiceError, LimitExceededError
from graph_service.ontology import EntityKind
from graph_service.services.chains.gaps import ChainReport, GapKind, cached_chain_gaps
from graph_service.services.match.candidates import Need
from graph_service.services.match.ranking import score_candidates
from graph_service.store import GraphStore

K = EntityKind
RECRUIT_KINDS: dict[GapKind, tuple[EntityKind, ...]] = {
    GapKind.NO_ENTERPRISE: (K.ENTERPRISE,),
    GapKind.SINGLE_POINT: (K.ENTERPRISE,),
    GapKind.TALENT_GAP: (K.SCIENTIST, K.INSTITUTION, K.WORKSTATION),
    GapKind.CAPITAL_GAP: (K.INVESTOR,),
    GapKind.SERVICE_GAP: (K.SERVICE_AGENCY,),
    GapKind.NO_TRANSFER: (K.ACHIEVEMENT, K.SERVICE_AGENCY),
    GapKind.NO_CHAIN_LEADER: (K.ENTERPRISE,),
}
MAX_BUDGET = 20
# A candidate counts as addressing a gap when it is among this many suggestions for it.
POOL_PER_GAP = 10


@dataclass(frozen=True, slots=True)
class GapRef:
    segment: str
    kind: GapKind
    severity: float


def suggestions(store: GraphStore, report: ChainReport, per_gap: int) -> dict[GapRef, list[Recommendation]]:
    """Up to ``per_gap`` recruits for every gap of the report, best first."""
    found: dict[GapRef, list[Recommendation]] = {}
    for segment in report.segments:
        if not segment.gaps or not segment.required:
            continue
        kinds = sorted({k for gap in segment.gaps for k in RECRUIT_KINDS[gap.kind]}, key=lambda k: k.value)
        try:
            ranked = score_candidates(store, segment.uid, kinds=kinds, need=Need(list(segment.required)), keep=per_gap)
        except GraphServiceError:
            ranked = []
        for gap in segment.gaps:
            wanted = RECRUIT_KINDS[gap.kind]
            found[GapRef(segment.uid, gap.kind, gap.severity)] = [r for r in ranked if r.partner.kind in wanted][
                :per_gap
            ]
    return found


@dataclass(frozen=True, slots=True)
class Pick:
    recruit: Recommendation
    gain: float
    closes: tuple[GapRef, ...]


def close_gaps(store: GraphStore, chain: str, region: str | None = None, budget: int = 5) -> list[Pick]:
    """At most ``budget`` recruits, chosen greedily by the open gap severity each would close."""
    if not 1 <= budget <= MAX_BUDGET:
        raise LimitExceededError(f"budget must be between 1 and {MAX_BUDGET} / 预算须在 1 到 {MAX_BUDGET} 之间")
    offered = suggestions(store, cached_chain_gaps(store, chain, region), POOL_PER_GAP)
    covers: dict[str, set[GapRef]] = {}
    best: dict[str, Recommendation] = {}
    for gap, recs in offered.items():
        for rec in recs:
            covers.setdefault(rec.partner.uid, set()).add(gap)
            if rec.partner.uid not in best or rec.score > best[rec.partner.uid].score:
                best[rec.partner.uid] = rec
    open_gaps = set(offered)
    picks: list[Pick] = []
    while len(picks) < budget:
        gains = {uid: _severity(gaps & open_gaps) for uid, gaps in covers.items()}
        ranked = sorted((uid for uid in gains if gains[uid] > 0), key=lambda uid: (-gains[uid], -best[uid].score, uid))
        if not ranked:
            break
        chosen = ranked[0]
        closing = covers[chosen] & open_gaps
        picks.append(Pick(best[chosen], gains[chosen], tuple(sorted(closing, key=lambda g: (g.segment, g.kind.value)))))
        open_gaps -= closing
    return picks


def _severity(gaps: set[GapRef]) -> float:
    return round(sum(g.severity for g in gaps), 6)
