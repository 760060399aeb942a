"""Score the candidate pool and explain what is returned.

Every candidate in the pool is assessed (components and features) as plain numbers; a
Recommendation with components and reasons is built only for what is returned: building
those for the whole pool cost a third of a request's time. The learned ranker orders the
pool when one has been trained for this graph and the call gives no weights of its own;
otherwise the hand-weighted mean of the components does, and the answer says which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import HAND_WEIGHTED, ComponentScore, Recommendation
from graph_service.domain.recommendation import Component as C
from graph_service.errors import InvalidInputError
from graph_service.ontology import ACTOR_KINDS, KIND_SPECS, EntityKind
from graph_service.services.access import policy
from graph_service.services.match import explain
from graph_service.services.match.candidates import (
    SOCIAL_TIES,
    Candidate,
    Focus,
    Need,
    load_focus,
    pool_for,
    tie_break,
)
from graph_service.services.match.features import PairContext, pair_features
from graph_service.services.match.records import NO_RECORD, read_records
from graph_service.services.match.scoring import (
    DEGREE_CAP,
    RECORD_CAP,
    Record,
    Structure,
    TopicMatch,
    complementarity,
    credibility,
    network_proximity,
    stage_fit,
    structure,
    topic_fit,
    total,
)
from graph_service.services.match.weights import resolve_weights
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

PARTNER_KINDS: tuple[EntityKind, ...] = (
    EntityKind.SCIENTIST,
    EntityKind.SOCIETY,
    EntityKind.WORKSTATION,
    EntityKind.INVESTOR,
    EntityKind.SERVICE_AGENCY,
    EntityKind.INSTITUTION,
)


class LearnedScorer(Protocol):
    """A model trained on the graph's history that scores a pair's features."""

    @property
    def label(self) -> str:
        """Which model this is, e.g. "learned v3 (2024)"."""
        ...

    def score(self, features: Mapping[str, float]) -> float:
        """The pair's score in [0, 1]."""
        ...

    def contributions(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each component's share of :meth:`score` (they add up to it)."""
        ...


@dataclass(frozen=True, slots=True)
class Assessment:
    """A candidate's component scores, features, and what its reasons would rest on."""

    scores: dict[str, float | None]
    features: dict[str, float]
    matches: list[TopicMatch]
    place: str | None
    parks: dict[str, tuple[str, str | None]]  # uid -> (name, English name)
    structure: Structure


@dataclass(frozen=True, slots=True)
class RatedCandidate:
    """A pooled candidate with its features, as training and evaluation read them."""

    uid: str
    kind: str
    features: dict[str, float]
    hand_score: float


def assess(focus: Focus, row: Mapping[str, Any], candidate: Candidate | None) -> Assessment:
    """Components and features of one profiled candidate."""
    props = row["entity"]
    kind = str(props["kind"])
    vias = candidate.vias if candidate else []
    bridges = candidate.bridges if candidate else []
    fields = [str(f["uid"]) for f in row["fields"] if f.get("uid")]
    topic: float | None
    if focus.needs:
        topic, matches = topic_fit(focus.needs, focus.families, fields)
    else:
        topic, matches = None, []
    parks = {str(p["uid"]): (str(p["name"]), p.get("name_en")) for p in row["parks"] if p.get("uid")}
    geo: float | None
    geo, place = focus.geography(props.get("region"), frozenset(parks))
    if focus.region is None and not focus.parks:
        geo = None  # the asker's place is unknown: geography does not apply
    record = Record(kind, props, int(row["transferred"]), int(row["portfolio"]), int(row["degree"] or 0))
    stage: float | None = None
    if kind == "Investor" and focus.entity.kind is EntityKind.ENTERPRISE:
        stage = stage_fit(focus.entity.properties.get("stage"), props.get("stages") or [])
    scores: dict[str, float | None] = {
        C.TOPIC: topic,
        C.NETWORK: network_proximity(vias, bridges),
        C.GEOGRAPHY: geo,
        C.CREDIBILITY: credibility(record),
        C.STAGE: stage,
        C.COMPLEMENTARITY: complementarity(focus.partner_kinds.get(kind, 0)),
    }
    shape = structure(vias, bridges)
    context = PairContext(
        focus.entity.kind.value,
        kind,
        min(len(focus.partners), DEGREE_CAP),  # counted like candidates' degrees, up to the cap
        int(row.get("degree") or 0),
        shape,
        len(candidate.hits) if candidate else 0,
        focus.region is not None and props.get("region") == focus.region,
    )
    return Assessment(scores, pair_features(scores, context), matches, place, parks, shape)


def _check_kinds(chosen: list[EntityKind]) -> None:
    not_actors = [k for k in chosen if k not in ACTOR_KINDS and k is not EntityKind.ACHIEVEMENT]
    if not_actors:
        en = ", ".join(k.value for k in not_actors)
        zh = "、".join(KIND_SPECS[k].zh for k in not_actors)
        raise InvalidInputError(f"cannot recommend {en} as partners / 不能推荐{zh}作为合作伙伴")


def read_profiles(store: GraphStore, pool: Mapping[str, Candidate | None]) -> list[dict[str, Any]]:
    """The pool's profiles. A candidate from the most-connected lists comes with its degree:
    counting a hub's ties again in the engine cost most of a request's profile time."""
    known = {uid: c.popularity for uid, c in pool.items() if c is not None and c.popularity}
    counted = sorted(uid for uid in pool if uid not in known)
    params = {"ties": list(SOCIAL_TIES), "record_cap": RECORD_CAP}
    rows = store.read("recommend_profiles", {**params, "uids": counted, "degree_cap": DEGREE_CAP}) if counted else []
    if known:
        listed = store.read("recommend_profiles", {**params, "uids": sorted(known), "degree_cap": 0})
        for row in listed:
            row["degree"] = min(known[str(row["entity"]["uid"])], DEGREE_CAP)
        rows += listed
    return rows


def _learned(store: GraphStore) -> LearnedScorer | None:
    from graph_service.services.match.ranker import active_ranker

    return active_ranker(store)


def rate_pool(
    store: GraphStore,
    uid: str,
    *,
    kinds: list[EntityKind] | None = None,
    need: Need | None = None,
    also: Mapping[str, str] | None = None,
) -> list[RatedCandidate]:
    """Every pooled candidate for ``uid`` with its features and hand-weighted score (no access check).

    Training reads this on a copy of the graph as it was before a year; evaluation on
    the held-out copy. ``also`` (uid -> kind) rates those too, pooled or not.
    """
    weights = resolve_weights(None)
    focus = load_focus(store, uid, need)
    chosen = kinds or list(PARTNER_KINDS)
    return [
        RatedCandidate(str(row["entity"]["uid"]), str(row["entity"]["kind"]), a.features, total(a.scores, weights))
        for row, _, a in _assessed_pool(store, focus, chosen, [], include_existing=False, also=also)
    ]


def _assessed_pool(
    store: GraphStore,
    focus: Focus,
    kinds: list[EntityKind],
    regions: list[str],
    *,
    include_existing: bool,
    also: Mapping[str, str] | None = None,
) -> list[tuple[dict[str, Any], Candidate | None, Assessment]]:
    """Each pooled candidate's profile, what the sources found of it, and its assessment (within ``regions``)."""
    kind_names = sorted(k.value for k in kinds)
    pool = pool_for(store, focus, kind_names, regions, include_existing=include_existing, also=also)
    out = []
    for row in read_profiles(store, pool):
        if regions and row["entity"].get("region") not in regions:
            continue
        candidate = pool.get(str(row["entity"]["uid"]))
        out.append((row, candidate, assess(focus, row, candidate)))
    return out


def score_candidates(
    store: GraphStore,
    uid: str,
    *,
    kinds: list[EntityKind] | None = None,
    need: Need | None = None,
    region: str | None = None,
    weights: dict[str, float] | None = None,
    include_existing: bool = False,
    keep: int | None = None,
    each_kind: bool = True,
    learned: bool = True,
    model: LearnedScorer | None = None,
) -> list[Recommendation]:
    """The candidates the graph offers for ``uid``, scored, explained and in order.

    With ``keep``, only the first ``keep`` of each kind (or overall, without
    ``each_kind``) are returned; all are scored to find them. The graph's trained model
    ranks unless per-call ``weights`` are given or ``learned`` is False (then the
    hand-weighted score does); ``model`` ranks with that model instead (evaluation).
    """
    policy.require_recommend_for(uid)
    chosen = kinds or list(PARTNER_KINDS)
    _check_kinds(chosen)
    resolved = resolve_weights(weights or None)
    if model is None and learned and not weights:  # an empty weights input overrides nothing
        model = _learned(store)
    focus = load_focus(store, uid, need)
    regions = region_names(store, region) if region else []
    rated: list[tuple[float, int, Mapping[str, Any], Candidate | None, Assessment]] = []
    for row, candidate, assessed in _assessed_pool(store, focus, chosen, regions, include_existing=include_existing):
        score = model.score(assessed.features) if model else total(assessed.scores, resolved)
        rated.append((round(score, 6), tie_break(uid, str(row["entity"]["uid"])), row, candidate, assessed))
    rated.sort(key=lambda item: (-item[0], item[1]))
    taken: Counter[str] = Counter()
    kept = []
    for score, _, profile, candidate, assessed in rated:
        group = str(profile["entity"]["kind"]) if each_kind else ""
        taken[group] += 1
        if keep is None or taken[group] <= keep:
            kept.append((score, Entity.from_row(profile["entity"]), profile, candidate, assessed))
    records = read_records(store, (entity.uid for _, entity, _, _, _ in kept))
    scorer = model.label if model else HAND_WEIGHTED
    results = []
    for score, entity, profile, candidate, assessed in kept:
        components = _components(assessed, resolved, model)
        record = records.get(entity.uid, NO_RECORD)
        reasons = explain.reasons(focus, entity, profile, candidate, assessed, record)
        results.append(Recommendation(entity, score, components, reasons, entity.uid in focus.partners, scorer=scorer))
    return results


def _components(
    assessed: Assessment, weights: dict[str, float], model: LearnedScorer | None
) -> tuple[ComponentScore, ...]:
    """Each applicable component with its weight and its contribution to the total."""
    applicable = {name: value for name, value in assessed.scores.items() if value is not None}
    if model is not None:
        shares = model.contributions(assessed.features)
    else:
        weight_sum = sum(weights[name] for name in applicable) or 1.0
        shares = {name: weights[name] * value / weight_sum for name, value in applicable.items()}
    return tuple(
        ComponentScore(name, round(value, 4), weights[name], round(shares.get(name, 0.0), 4))
        for name, value in applicable.items()
    )
