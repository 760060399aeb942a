"""Run an evaluation: hold out, rank with the recommender and the baselines, compare.

The recommender runs twice: ranked by the hand-weighted score, and by a ranker fitted on
the training graph's own history (its ties before its latest year predict that year's),
as ``graph-service train`` fits it. Where the graph holds enough decided introductions,
the outcomes are reported apart (``outcomes``): how often a ranker fitted with them, one
fitted on the history alone and the hand-weighted score put an agreed partner above a
declined one, for enterprises held out of the fitting. Each ranker is one entry of ``rankers`` in
``evaluate``: a function from (asker, answer kind, k) to uids, and optionally the
candidate pool it scores, whose recall (the share of held-out answers that reach scoring
at all) is reported beside its own.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph_service.errors import GraphServiceError, InvalidInputError
from graph_service.ontology import EntityKind
from graph_service.services.evaluate.baselines import Baselines, Ranker, social_projection
from graph_service.services.holdout.metrics import hit_at, ndcg_at, recall_at
from graph_service.services.holdout.scratch import scratch_graph
from graph_service.services.holdout.split import PARTNERSHIPS, hold_out, write_training_graph
from graph_service.services.match.candidates import candidate_pool
from graph_service.services.match.outcomes import MIN_OUTCOMES, read_outcomes
from graph_service.services.match.ranking import LearnedScorer
from graph_service.services.match.recommend import MAX_RESULTS, recommend_partners
from graph_service.services.match.training import ThinHistoryError, fit, fit_ranker
from graph_service.store import GraphStore

K = 10
HITS_K = 50
Pool = Callable[[str, EntityKind], set[str]]


@dataclass(frozen=True, slots=True)
class Entrant:
    """One named ranker of the comparison; ``pool`` gives the candidates it scores, where it has its own."""

    rank: Ranker
    pool: Pool | None = None


def recommenders(train: GraphStore, *, seed: int) -> dict[str, Entrant]:
    """The service's recommender on the training graph, hand-weighted and (where the training
    graph's own history allows fitting one) with a ranker learned from that history.

    Both score the same candidate pool, so its recall is gathered once.
    """

    def pool(asker: str, kind: EntityKind) -> set[str]:
        return candidate_pool(train, asker, kinds=[kind])

    def ranking(model: LearnedScorer | None) -> Ranker:
        def rank(asker: str, kind: EntityKind, k: int) -> list[str]:
            found = recommend_partners(
                train, asker, kinds=[kind], first=min(k, MAX_RESULTS), learned=False, model=model
            )
            return [r.partner.uid for r in found]

        return rank

    entrants = {"recommender": Entrant(ranking(None), pool)}
    model = fit_ranker(train, seed=seed)
    if model is not None:
        entrants["learned"] = Entrant(ranking(model), pool)
    return entrants


def _scores(
    entrant: Entrant, asker: str, kind: EntityKind, truth: set[str], pools: dict[Pool, set[str]]
) -> dict[str, float]:
    try:
        ranked = entrant.rank(asker, kind, HITS_K)
    except GraphServiceError:
        ranked = []  # e.g. an asker with no need and no field: nothing to recommend
    scores = {"recall@10": recall_at(ranked, truth, K)}
    if entrant.pool is not None:
        if entrant.pool not in pools:
            try:
                pools[entrant.pool] = entrant.pool(asker, kind)
            except GraphServiceError:
                pools[entrant.pool] = set()  # nothing to go on: nothing reaches scoring
        scores["pool_recall"] = len(pools[entrant.pool] & truth) / len(truth)
    scores["ndcg@10"] = ndcg_at(ranked, truth, K)
    scores["hits@50"] = hit_at(ranked, truth, HITS_K)
    scores["recall@50"] = recall_at(ranked, truth, HITS_K)
    return scores


def outcome_report(store: GraphStore, *, seed: int) -> dict[str, Any]:
    """The rankers on ``store``'s decided introductions, cross-validated by enterprise; counts only when too few."""
    decided = read_outcomes(store)
    agreed = sum(1 for o in decided if o.agreed)
    counts = {"agreed": agreed, "declined": len(decided) - agreed, "minimum": MIN_OUTCOMES}
    if min(counts["agreed"], counts["declined"]) < MIN_OUTCOMES:
        return counts
    try:
        validation = fit(store, seed=seed).report.validation
    except ThinHistoryError:
        return counts  # too little history to fit either model
    return outcome_summary(validation)


def outcome_summary(validation: dict[str, Any]) -> dict[str, Any]:
    """What a training's cross-validation says of the outcomes, with each ranker's recall@10 on the history."""
    names = ("learned", "history only", "hand-weighted")
    return {**validation["outcomes"], "recall@10": {name: validation[name]["recall@10"] for name in names}}


def evaluate(
    store: GraphStore,
    *,
    max_queries: int = 300,
    seed: int = 7,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """recall@10, pool recall, NDCG@10, Hits@50 and recall@50 of each ranker, overall and for cold start."""
    started = time.perf_counter()
    split = hold_out(store, seed=seed)
    if not split.truths:
        kinds = ", ".join(rel.value for rel in PARTNERSHIPS)
        raise InvalidInputError(f"no partnerships to hold out: the graph has no {kinds} / 图中没有可留出的合作关系")
    with scratch_graph(store, "eval_train") as train:
        write_training_graph(store, train, split)
        baselines = Baselines(social_projection(train), split.kinds, seed=seed)
        queries = sorted(split.truths, key=lambda q: (q[0], q[1].value))
        rng = random.Random(seed)
        cold = [q for q in queries if q[0] in split.cold]
        warm = [q for q in queries if q[0] not in split.cold]
        sample = rng.sample(warm, min(len(warm), max_queries)) + rng.sample(cold, min(len(cold), max_queries // 3))
        rankers: dict[str, Entrant] = {
            **recommenders(train, seed=seed),
            **{name: Entrant(rank) for name, rank in baselines.rankers().items()},
        }
        sums: dict[str, dict[str, dict[str, float]]] = {
            group: defaultdict(lambda: defaultdict(float)) for group in ("all", "cold_start")
        }
        counts = {"all": 0, "cold_start": 0}
        for asker, kind in sample:
            truth = split.truths[(asker, kind)]
            groups = ["all", "cold_start"] if asker in split.cold else ["all"]
            for group in groups:
                counts[group] += 1
            pools: dict[Pool, set[str]] = {}  # rankers sharing a pool gather it once per query
            for name, entrant in rankers.items():
                for metric, value in _scores(entrant, asker, kind, truth, pools).items():
                    for group in groups:
                        sums[group][name][metric] += value
            if progress:
                progress(1)
    tables = {
        group: {
            name: {metric: round(value / max(1, counts[group]), 4) for metric, value in metrics.items()}
            for name, metrics in sums[group].items()
        }
        for group in sums
    }
    return {
        "queries": counts,
        "held_out_edges": len(split.held_out),
        "hold_out": {rel.value: mode for rel, mode in split.modes.items()},
        **tables,
        "outcomes": outcome_report(store, seed=seed),
        "seconds": round(time.perf_counter() - started, 1),
    }
