"""What a ranker sees of one (asker, candidate) pair: the six components and the structure around them.

The hand-weighted score reads only the components; the learned ranker reads all of
these. Every feature belongs to one component, so a learned score still explains itself
per component (the sum of its features' contributions).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from graph_service.domain.recommendation import Component
from graph_service.services.match.scoring import Structure

# Feature -> the component its contribution is reported under.
FEATURE_COMPONENT: dict[str, Component] = {
    **{name.value: name for name in Component},
    "stage_known": Component.STAGE,
    "common_neighbours": Component.NETWORK,
    "resource_allocation": Component.NETWORK,
    "adamic_adar": Component.NETWORK,
    "paths_of_three": Component.NETWORK,
    "local_paths": Component.NETWORK,
    "asker_degree": Component.NETWORK,
    "candidate_degree": Component.CREDIBILITY,
    "preferential_attachment": Component.CREDIBILITY,
    "field_hits": Component.TOPIC,
    "same_region": Component.GEOGRAPHY,
}
PAIR_PREFIX = "pair:"
# A newcomer (an asker with no ties yet) is ranked by other evidence than a connected
# asker: its copies of these features let the model weigh them apart for newcomers.
NEWCOMER_PREFIX = "newcomer:"
NEWCOMER_FEATURES = (
    Component.TOPIC.value,
    Component.GEOGRAPHY.value,
    Component.CREDIBILITY.value,
    Component.STAGE.value,
    "candidate_degree",
    "field_hits",
    "same_region",
)


@dataclass(frozen=True, slots=True)
class PairContext:
    """The facts about a pair that are not component scores."""

    asker_kind: str
    candidate_kind: str
    asker_degree: int
    candidate_degree: int
    structure: Structure
    field_hits: int
    same_region: bool


def component_of(feature: str) -> Component:
    """The component a feature's contribution counts under (kind pairs under complementarity)."""
    if feature.startswith(PAIR_PREFIX):
        return Component.COMPLEMENTARITY
    return FEATURE_COMPONENT[feature.removeprefix(NEWCOMER_PREFIX)]


def pair_features(scores: Mapping[str, float | None], context: PairContext) -> dict[str, float]:
    """The feature vector of one pair, as a sparse mapping (absent means 0).

    >>> from graph_service.services.match.scoring import Structure
    >>> ctx = PairContext("Enterprise", "Investor", 3, 8, Structure(1, 0.25, 0.72), 0, True)
    >>> f = pair_features({"topic": 0.5, "stage": None}, ctx)
    >>> f["topic"], f["stage"], f["stage_known"], f["pair:Enterprise>Investor"]
    (0.5, 0.0, 0.0, 1.0)
    """
    out = {name: float(value or 0.0) for name, value in scores.items()}
    out["stage_known"] = 0.0 if scores.get(Component.STAGE) is None else 1.0
    s = context.structure
    out["common_neighbours"] = math.log1p(s.common)
    out["resource_allocation"] = s.resource_allocation
    out["adamic_adar"] = s.adamic_adar
    out["paths_of_three"] = math.log1p(s.paths_of_three)
    out["local_paths"] = s.local_paths
    out["asker_degree"] = math.log1p(context.asker_degree)
    out["candidate_degree"] = math.log1p(context.candidate_degree)
    out["preferential_attachment"] = math.log1p(context.asker_degree * context.candidate_degree)
    out["field_hits"] = math.log1p(context.field_hits)
    out["same_region"] = 1.0 if context.same_region else 0.0
    if context.asker_degree == 0:
        out |= {f"{NEWCOMER_PREFIX}{name}": out[name] for name in NEWCOMER_FEATURES}
    out[f"{PAIR_PREFIX}{context.asker_kind}>{context.candidate_kind}"] = 1.0
    return out
