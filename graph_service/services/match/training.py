"""Train the learned partner ranker on the graph's own history (``graph-service train``).

A time split. Choose a year Y (by default the latest from which on at least
``MIN_NEW_TIES`` partnerships and ``FUTURE_SHARE`` of all were formed). Copy the graph
as it stood before Y into a scratch graph: every entity, and every tie except those
dated Y or later (by ``year``, else ``since``). Profile ties — fields, needs, place,
chain segment — are kept whatever their date, as the evaluation keeps them: an asker
states them when it asks. For a seeded sample of the askers who formed partnerships in Y
or later, pool candidates on the copy exactly as the recommender does (``rate_pool``),
and label a pooled candidate 1 when the asker tied to it, else 0. Examples come from
those pools: every positive of a pool and up to ``NEGATIVES_PER_ASKER`` of its other
members (hard negatives: the recommender's own candidates). The reported quality is
cross-validated by asker (each asker's pools ranked by a model fitted without that
asker, against the hand-weighted order); the stored model is fitted on every asker.

Logistic regression on standardised features (scikit-learn's default C = 1), not
gradient-boosted trees: cross-validated by asker on the demo graphs, trees were no better
beyond noise (recall@10 0.28 against 0.31 at 1,500 synthetic entities, 0.26 against 0.25
at 3,000, a handful of hits either way), while the logistic model's coefficients give
exact per-feature contributions and scoring it is a dot product in plain Python, so
serving needs neither scikit-learn nor numpy.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from graph_service.errors import GraphServiceError, InvalidInputError, StoreError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.export.reading import entities_of, relations_of
from graph_service.services.holdout.metrics import ndcg_at, recall_at
from graph_service.services.holdout.scratch import scratch_graph
from graph_service.services.holdout.split import PARTNERSHIPS, PROFILE_TYPES, Split, write_training_graph
from graph_service.services.match.candidates import tie_break
from graph_service.services.match.outcomes import (
    MIN_OUTCOMES,
    OutcomeGroup,
    hide_outcomes,
    pairwise_order,
    rate_outcomes,
    read_outcomes,
)
from graph_service.services.match.ranker import LogisticRanker, save_model
from graph_service.services.match.ranking import RatedCandidate, rate_pool
from graph_service.store import GraphStore

MIN_NEW_TIES = 50  # partnerships from the chosen year on, at the least
FUTURE_SHARE = 0.2  # and this share of all partnerships (the evaluation's hold-out share)
MIN_POSITIVES = 20  # future partners found in the pools, below which training refuses
NEGATIVES_PER_ASKER = 20
FOLDS = 5  # cross-validation by asker for the reported quality
K = 10
REGULARISATION = 1.0  # scikit-learn's C, its default: 0.1 and 10 did no better on the demo graphs

Example = tuple[Mapping[str, float], int]
# Held-out scores by (pool, candidate): an asker's history pool and its introductions' pools overlap.
Scores = dict[tuple[tuple[str, str, str], str], float]


class ThinHistoryError(InvalidInputError):
    """Too little history to learn from: no model is stored and the hand-weighted score stays."""


@dataclass(frozen=True, slots=True)
class Group:
    """One asker's pool for one answer kind, with the partners it went on to form."""

    asker: str
    kind: EntityKind
    truth: frozenset[str]
    pool: tuple[RatedCandidate, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.asker, self.kind.value, "")

    @property
    def positives(self) -> int:
        return sum(1 for c in self.pool if c.uid in self.truth)


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What a training saw and how the model did on held-out askers (``validation``)."""

    year: int
    askers: int
    queries: int  # (asker, answer kind) pools
    examples: int
    positives: int
    pool_recall: float
    validation: dict[str, Any]
    label: str
    version: int = 0
    seconds: float = 0.0
    outcomes: int = 0  # decided introductions learned from


@dataclass(frozen=True, slots=True)
class Fitted:
    model: LogisticRanker
    report: TrainingReport


def tie_year(props: Mapping[str, Any]) -> int | None:
    """The year a tie was formed: its ``year``, else its ``since``, else unknown."""
    for key in ("year", "since"):
        value = props.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def partnership_years(store: GraphStore) -> Counter[int]:
    """How many partnerships were formed in each year."""
    years: Counter[int] = Counter()
    for rel in PARTNERSHIPS:
        for _, _, props in relations_of(store, rel):
            year = tie_year(props)
            if year is not None:
                years[year] += 1
    return years


def choose_year(years: Mapping[int, int], minimum: int = MIN_NEW_TIES, share: float = FUTURE_SHARE) -> int | None:
    """The latest year from which on at least ``minimum`` partnerships and ``share`` of all were formed.

    A window, not one year: a single year's ties are often too few for the pools to hold
    enough future partners to learn from.

    >>> choose_year({2021: 100, 2022: 100, 2023: 80, 2024: 60, 2025: 12})
    2024
    >>> choose_year({2024: 30, 2025: 12})
    """
    total = sum(years.values())
    if total < minimum:
        return None
    later = 0
    for year in sorted(years, reverse=True):
        later += years[year]
        if later >= minimum and later >= share * total:
            return year
    return None


def future_split(store: GraphStore, year: int) -> Split:
    """The ties dated ``year`` or later (profile ties apart) and, per asker and kind, the partners among them."""
    split = Split()
    for kind in EntityKind:
        for props in entities_of(store, kind):
            split.kinds[str(props["uid"])] = kind
    for rel in RelationType:
        if rel in PROFILE_TYPES:
            continue
        ends = PARTNERSHIPS.get(rel)
        for source, target, props in relations_of(store, rel):
            dated = tie_year(props)
            if dated is None or dated < year:
                continue
            split.held_out.add((source, rel.value, target))
            if ends is not None:
                pair = {"source": source, "target": target}
                asker, answer = pair[ends[0]], pair[ends[1]]
                split.truths[(asker, split.kinds[answer])].add(answer)
    return split


def collect(
    train: GraphStore, split: Split, askers: Sequence[str], progress: Callable[[int], None] | None = None
) -> list[Group]:
    """Each asker's pool on the training copy, per kind it formed partnerships with."""
    kinds: dict[str, list[EntityKind]] = defaultdict(list)
    for asker, kind in sorted(split.truths, key=lambda q: (q[0], q[1].value)):
        kinds[asker].append(kind)
    groups = []
    for asker in askers:
        for kind in kinds[asker]:
            try:
                pool = rate_pool(train, asker, kinds=[kind])
            except StoreError:
                raise
            except GraphServiceError:
                continue  # nothing to go on (no need, no field): the recommender has no pool either
            groups.append(Group(asker, kind, frozenset(split.truths[(asker, kind)]), tuple(pool)))
        if progress:
            progress(1)
    return groups


def examples(groups: Sequence[Group], rng: random.Random) -> list[Example]:
    """Every positive of each pool and up to ``NEGATIVES_PER_ASKER`` of the rest.

    A pool without a future partner teaches nothing about order within a pool: left out.
    """
    out: list[Example] = []
    for group in groups:
        positives = [c for c in group.pool if c.uid in group.truth]
        if not positives:
            continue
        negatives = [c for c in group.pool if c.uid not in group.truth]
        if len(negatives) > NEGATIVES_PER_ASKER:
            negatives = rng.sample(negatives, NEGATIVES_PER_ASKER)
        out += [(c.features, 1) for c in positives] + [(c.features, 0) for c in negatives]
    return out


def outcome_examples(groups: Sequence[OutcomeGroup]) -> list[Example]:
    """Every rated outcome: an agreed partner 1, a declined one 0, each weighing as one history example.

    Weighing decisions more was tried on the demo (1,500 synthetic entities, 160 decisions
    following a preference the history lacks, beside 3,367 history examples): weight 1 put
    the agreed partner above the declined one in 0.88 of held-out pairs with the history's
    recall@10 unchanged (0.321 against 0.319 without outcomes); weight 5 gave 0.97 and
    recall@10 0.229, weight 21 (outcomes as heavy as all the history) 0.97 and 0.193.
    """
    return [(c.features, g.labels[c.uid]) for g in groups for c in g.pool]


def fit_logistic(rows: Sequence[Example], meta: Mapping[str, Any]) -> LogisticRanker:
    """A logistic regression on standardised features, folded back onto raw features."""
    # Imported here: serving scores with the stored weights and needs neither.
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    names = sorted({name for features, _ in rows for name in features})
    x = np.array([[features.get(name, 0.0) for name in names] for features, _ in rows], dtype=float)
    y = np.array([label for _, label in rows])
    scaler = StandardScaler().fit(x)
    fit = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(scaler.transform(x), y)
    coefficients = [float(c) for c in fit.coef_[0]]
    means, scales = [float(m) for m in scaler.mean_], [float(s) for s in scaler.scale_]
    weights = {name: c / s for name, c, s in zip(names, coefficients, scales, strict=True)}
    intercept = float(fit.intercept_[0]) - sum(c * m / s for c, m, s in zip(coefficients, means, scales, strict=True))
    standardised = {
        "coefficients": coefficients,
        "intercept": float(fit.intercept_[0]),
        "mean": means,
        "scale": scales,
        "regularisation": REGULARISATION,
    }
    return LogisticRanker(weights, intercept, {**meta, "standardised": standardised})


def ranking_quality(groups: Sequence[Group], score: Callable[[Group, RatedCandidate], float]) -> dict[str, float]:
    """Mean recall@10 and NDCG@10 over ``groups``, each pool ordered as ``score_candidates`` orders it."""
    recall = ndcg = 0.0
    for group in groups:
        ranked = sorted(group.pool, key=lambda c: (-round(score(group, c), 6), tie_break(group.asker, c.uid)))
        uids = [c.uid for c in ranked]
        recall += recall_at(uids, set(group.truth), K)
        ndcg += ndcg_at(uids, set(group.truth), K)
    n = max(1, len(groups))
    return {f"recall@{K}": round(recall / n, 4), f"ndcg@{K}": round(ndcg / n, 4)}


def cross_validate(
    groups: Sequence[Group], seed: int, outcomes: Sequence[OutcomeGroup] = (), folds: int = FOLDS
) -> dict[str, Any]:
    """recall@10 and NDCG@10 of the learned and the hand-weighted order, each asker held out once.

    Folds are by asker (all of an asker's pools and introductions in one fold), so no asker
    is scored by a model that saw its partners or its outcomes. With outcomes, a model fitted
    on the history alone is scored beside the one fitted on both, on the history's pools and
    on the held-out introductions (how often an agreed partner is ranked above a declined one).
    """
    askers = sorted({g.asker for g in groups} | {g.asker for g in outcomes})
    random.Random(seed).shuffle(askers)
    fold = {asker: i % folds for i, asker in enumerate(askers)}
    learned: Scores = {}
    history_only: Scores = {}
    for k in range(folds):
        history = examples([g for g in groups if fold[g.asker] != k], random.Random(seed))
        decided = outcome_examples([g for g in outcomes if fold[g.asker] != k])
        rows = history + decided
        if len({label for _, label in rows}) < 2:
            continue
        held: list[Group | OutcomeGroup] = [g for g in groups if fold[g.asker] == k]
        held += [g for g in outcomes if fold[g.asker] == k]
        _score_held(fit_logistic(rows, {}), held, learned)
        if outcomes and len({label for _, label in history}) == 2:
            _score_held(fit_logistic(history, {}), held, history_only)
    checked = _scored(groups, learned)
    report: dict[str, Any] = {
        "queries": len(checked),
        "folds": folds,
        "learned": ranking_quality(checked, _by(learned)),
        "hand-weighted": ranking_quality(checked, lambda g, c: c.hand_score),
    }
    if outcomes:
        report["history only"] = ranking_quality(_scored(checked, history_only), _by(history_only))
        report["outcomes"] = outcome_quality(_scored(outcomes, learned), learned, history_only)
    return report


def _score_held(model: LogisticRanker, held: Sequence[Group | OutcomeGroup], into: Scores) -> None:
    for g in held:
        into.update({(g.key, c.uid): model.score(c.features) for c in g.pool})


G = TypeVar("G", Group, OutcomeGroup)


def _scored(groups: Sequence[G], scores: Scores) -> list[G]:
    """The groups every candidate of which ``scores`` holds (their asker's fold could be fitted)."""
    return [g for g in groups if all((g.key, c.uid) in scores for c in g.pool)]


def _by(scores: Scores) -> Callable[[Group | OutcomeGroup, RatedCandidate], float]:
    return lambda g, c: scores[(g.key, c.uid)]


def outcome_quality(outcomes: Sequence[OutcomeGroup], learned: Scores, history_only: Scores) -> dict[str, Any]:
    """How often each order puts an agreed partner above a declined one of the same enterprise, held out.

    Reported only with at least ``MIN_OUTCOMES`` of each answer (fewer would be noise).
    """
    agreed = sum(1 for g in outcomes for label in g.labels.values() if label == 1)
    declined = sum(1 for g in outcomes for label in g.labels.values() if label == 0)
    report: dict[str, Any] = {"agreed": agreed, "declined": declined, "minimum": MIN_OUTCOMES}
    if min(agreed, declined) < MIN_OUTCOMES:
        return report
    report["agreed above declined"] = {
        "learned": pairwise_order(outcomes, _by(learned)),
        "history only": pairwise_order(_scored(outcomes, history_only), _by(history_only)),
        "hand-weighted": pairwise_order(outcomes, lambda g, c: c.hand_score),
    }
    return report


def _thin(positives: int, year: int) -> ThinHistoryError:
    return ThinHistoryError(
        f"too little history to train a ranker: the candidate pools hold {positives} of the partnerships formed "
        f"in {year} or later, at least {MIN_POSITIVES} are needed; no model stored, the hand-weighted score stays / "
        f"历史数据不足，无法训练排序模型：候选池只含 {year} 年及以后新建合作关系中的 {positives} 个（至少需要 "
        f"{MIN_POSITIVES} 个）；未保存模型，继续使用人工权重评分"
    )


def fit(
    store: GraphStore,
    *,
    seed: int = 7,
    year: int | None = None,
    max_askers: int = 400,
    progress: Callable[[int], None] | None = None,
) -> Fitted:
    """Fit a model on ``store``'s history without storing it; raises ThinHistoryError when it is too thin."""
    # Neo4j Community has no second database: its copy goes to a temporary embedded engine.
    copy = scratch_graph(store, "train_ranker")
    started = time.perf_counter()
    years = partnership_years(store)
    chosen = year if year is not None else choose_year(years)
    if chosen is None:
        raise ThinHistoryError(
            f"too little history to train a ranker: fewer than {MIN_NEW_TIES} dated partnerships; no model stored, "
            f"the hand-weighted score stays / 历史数据不足：有年份的合作关系少于 {MIN_NEW_TIES} 个；"
            "未保存模型，继续使用人工权重评分"
        )
    split = future_split(store, chosen)
    decided = read_outcomes(store)
    hide_outcomes(split, decided)
    rng = random.Random(seed)
    everyone = sorted({asker for asker, _ in split.truths})
    askers = sorted(rng.sample(everyone, min(max_askers, len(everyone))))
    with copy as scratch:
        write_training_graph(store, scratch, split)
        groups = collect(scratch, split, askers, progress)
        outcome_groups = rate_outcomes(scratch, decided)
    history = examples(groups, rng)
    from_outcomes = outcome_examples(outcome_groups)
    positives = sum(g.positives for g in groups) + sum(label for _, label in from_outcomes)
    rows = history + from_outcomes
    if positives < MIN_POSITIVES or len({label for _, label in rows}) < 2:
        raise _thin(positives, chosen)
    validation = cross_validate(groups, seed, outcome_groups)
    future = sum(len(g.truth) for g in groups)
    meta = {
        "year": chosen,
        "trained_to": max([y for y in years if y >= chosen], default=chosen),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "examples": len(rows),
        "positives": positives,
        "askers": len({g.asker for g in groups}),
        "queries": len(groups),
        "seed": seed,
        "validation": validation,
        "outcomes": {"examples": len(from_outcomes), "agreed": sum(label for _, label in from_outcomes)},
    }
    model = fit_logistic(rows, meta)
    report = TrainingReport(
        chosen,
        len({g.asker for g in groups}),
        len(groups),
        len(rows),
        positives,
        round(positives / future, 4) if future else 0.0,
        validation,
        model.label,
        seconds=round(time.perf_counter() - started, 1),
        outcomes=len(from_outcomes),
    )
    return Fitted(model, report)


def fit_ranker(
    store: GraphStore, *, seed: int = 7, year: int | None = None, max_askers: int = 400
) -> LogisticRanker | None:
    """A model fitted on ``store``'s history and not stored (for the evaluation); None when history is too thin."""
    try:
        return fit(store, seed=seed, year=year, max_askers=max_askers).model
    except ThinHistoryError:
        return None


def train(
    store: GraphStore,
    *,
    seed: int = 7,
    year: int | None = None,
    max_askers: int = 400,
    progress: Callable[[int], None] | None = None,
) -> TrainingReport:
    """Fit on ``store``'s history and store the model as its active ranker; raises ThinHistoryError when too thin."""
    fitted = fit(store, seed=seed, year=year, max_askers=max_askers, progress=progress)
    saved = save_model(store, fitted.model)
    r = fitted.report
    return TrainingReport(
        r.year,
        r.askers,
        r.queries,
        r.examples,
        r.positives,
        r.pool_recall,
        r.validation,
        saved.label,
        saved.version,
        r.seconds,
        r.outcomes,
    )
