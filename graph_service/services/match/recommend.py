"""recommend_partners: who an entity should work with for a need, ranked and explained.

Candidates come from the graph in a few round trips (people and organisations in the
needed fields and the taxonomy around them, read from the fields' rosters so a popular
field costs no more at a million entities than at a thousand; those two ties away through
a shared society, park, programme, collaborator or workstation), then one for profiles.
Scoring happens here, in Python, with named components; order is deterministic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import Component, Reason, Recommendation
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import ACTOR_KINDS, EntityKind
from graph_service.services.access import policy
from graph_service.services.explore.paths import WARM_TIES
from graph_service.services.explore.search import search
from graph_service.services.match import reasons as why
from graph_service.services.match.rosters import ROSTER_KINDS, read_rosters
from graph_service.services.match.scoring import (
    FieldFamily,
    Place,
    Record,
    TopicMatch,
    Via,
    complementarity,
    credibility,
    geography,
    network_proximity,
    stage_fit,
    topic_fit,
    total,
)
from graph_service.services.match.weights import resolve_weights
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

MAX_RESULTS = 50
PER_FIELD = 150
PER_NEED_FIELD = 30
PER_NEAR_FIELD = 8
PER_VIA = 40
# Candidates kept before profiles are read and scored: each costs a profile and a score.
# In evaluation at 100k, keeping the best 250 changed no recall@10 (0.0975 all, 0.08 cold
# start) and halved a request's time; keeping 60 of each kind halved recall. The floor
# per kind lets a team find its scientist, agency and investor beside a crowd of
# enterprises.
POOL = 250
POOL_PER_KIND = 20
PARTNER_KINDS: tuple[EntityKind, ...] = (
    EntityKind.SCIENTIST,
    EntityKind.SOCIETY,
    EntityKind.WORKSTATION,
    EntityKind.INVESTOR,
    EntityKind.SERVICE_AGENCY,
    EntityKind.INSTITUTION,
)


@dataclass(frozen=True, slots=True)
class Need:
    """What the asker needs: field uids and/or free text."""

    fields: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Focus:
    """The asker as the scorer sees it."""

    entity: Entity
    needs: dict[str, float]
    need_edges: dict[str, str]
    families: dict[str, FieldFamily]
    names: dict[str, str]
    partners: dict[str, str]
    partner_kinds: Counter[str]
    parks: frozenset[str]
    tree: dict[str, tuple[str, ...]]
    region_uids: dict[str, str]
    # Candidates share a few hundred regions: each (region, shared parks) is placed once.
    places: dict[tuple[str | None, frozenset[str]], tuple[float, str | None]] = field(default_factory=dict)

    def geography(self, region: str | None, parks: frozenset[str]) -> tuple[float, str | None]:
        """The geography score of a candidate in ``region`` and ``parks``, and the place it rests on."""
        key = (region, parks & self.parks)
        if key not in self.places:
            asker = Place(self.entity.properties.get("region"), self.parks)
            self.places[key] = geography(asker, Place(*key), self.tree)
        return self.places[key]


def _families(store: GraphStore, uids: list[str]) -> dict[str, FieldFamily]:
    rows = store.read("field_family", {"fields": uids})
    return {
        str(r["uid"]): FieldFamily(
            str(r["uid"]), str(r["name"]), r["parent"], frozenset(r["siblings"] or []), frozenset(r["children"] or [])
        )
        for r in rows
    }


def load_focus(store: GraphStore, uid: str, need: Need | None) -> Focus:
    """The asker, what it needs (stated or from its profile) and whom it already works with."""
    rows = store.read("recommend_focus", {"uid": uid})
    if not rows:
        raise NotFoundError(f"no entity with uid '{uid}' / 不存在标识为「{uid}」的实体")
    row = rows[0]
    entity = Entity.from_row(row["entity"])
    profile = [f for f in row["fields"] if f.get("uid")]
    needs: dict[str, float] = {}
    need_edges: dict[str, str] = {}
    if need is not None:
        if not need.fields and not need.text.strip():
            raise InvalidInputError("the need is empty: give fields or text / 需求为空：请给出技术领域或描述")
        for f in need.fields:
            needs[f] = 1.0
        if need.text.strip():
            for hit in search(store, need.text, kinds=[EntityKind.FIELD], first=3):
                needs.setdefault(hit.entity.uid, 0.8)
        for f in profile:
            if f["uid"] in needs:
                need_edges[f["uid"]] = f["type"]
    else:
        for f in profile:
            weight = 0.6 + 0.08 * float(f["priority"] or 5) if f["type"] == "NEEDS" else 0.6 * float(f["weight"] or 1.0)
            if weight > needs.get(f["uid"], 0.0):
                needs[f["uid"]] = weight
                need_edges[f["uid"]] = f["type"]
    if not needs:
        raise InvalidInputError(
            f"'{uid}' states no need and works in no field; give need.fields or need.text / 请说明技术需求"
        )
    families = _families(store, sorted(needs))
    unknown = sorted(set(needs) - families.keys())
    if unknown:
        raise InvalidInputError(f"unknown fields: {', '.join(unknown)} / 未知技术领域")
    partners = {str(p["uid"]): str(p["kind"]) for p in row["partners"] if p.get("uid")}
    tree_rows = store.read("regions_tree")
    tree = {str(r["name"]): tuple(str(n) for n in r["within"]) for r in tree_rows}
    region_uids = {str(r["name"]): str(r["uid"]) for r in tree_rows}
    parks = frozenset(p for p, k in partners.items() if k == "Park")
    names = {f: fam.name for f, fam in families.items()}
    return Focus(
        entity, needs, need_edges, families, names, partners, Counter(partners.values()), parks, tree, region_uids
    )


def _topic_candidates(
    store: GraphStore, focus: Focus, near: set[str], kinds: list[str], regions: list[str], kind_of: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """Candidates working in the needed fields or next to them in the taxonomy, with their field weights.

    Without a region filter they come from the fields' rosters (bounded lists kept at
    write time): up to ``PER_NEED_FIELD`` of each kind from a needed field and
    ``PER_NEAR_FIELD`` from a field next to it. A region filter, a kind no roster keeps,
    or a field whose roster is not built yet falls back to walking the field's members.
    """
    asker = focus.entity.uid
    topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    scan_fields = sorted(near) if regions else []
    rostered = {k.value for k in ROSTER_KINDS}
    if not regions:
        for field_uid, members in sorted(read_rosters(store, sorted(near)).items()):
            if members is None:
                scan_fields.append(field_uid)
                continue
            take = PER_NEED_FIELD if field_uid in focus.needs else PER_NEAR_FIELD
            taken: Counter[str] = Counter()
            for member, kind, weight in members:
                if kind in kinds and member != asker and taken[kind] < take:
                    taken[kind] += 1
                    topic[member].append({"field": field_uid, "weight": weight})
                    kind_of[member] = kind
    scans = [(scan_fields, kinds)]
    unrostered = [k for k in kinds if k not in rostered]
    if unrostered and not regions:
        scans.append((sorted(set(near) - set(scan_fields)), unrostered))
    for fields, scan_kinds in scans:
        if not fields:
            continue
        params = {"fields": fields, "kinds": scan_kinds, "uid": asker, "regions": regions, "per_field": PER_FIELD}
        for row in store.read("recommend_topic", params):
            topic[str(row["uid"])] += list(row["hits"])
            kind_of[str(row["uid"])] = str(row["kind"])
    return dict(topic)


def _candidates(
    store: GraphStore, focus: Focus, kinds: list[str], regions: list[str], kind_of: dict[str, str]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[Via]]]:
    """Topic and network candidates; ``kind_of`` learns each candidate's kind."""
    near: set[str] = set()
    for family in focus.families.values():
        near |= {family.uid, *family.children, *family.siblings}
        if family.parent:
            near.add(family.parent)
    topic = _topic_candidates(store, focus, near, kinds, regions, kind_of)
    network_rows = store.read(
        "recommend_network",
        {"uid": focus.entity.uid, "ties": [t.value for t in WARM_TIES], "kinds": kinds, "per_via": PER_VIA},
    )
    network: dict[str, list[Via]] = {}
    for r in network_rows:
        kind_of[str(r["uid"])] = str(r["kind"])
        network[str(r["uid"])] = [
            Via(
                str(v["via"]),
                str(v["via_kind"]),
                str(v["via_name"]),
                str(v["r1"]),
                str(v["r2"]),
                bool(v["out1"]),
                bool(v["out2"]),
            )
            for v in r["vias"]
        ]
    return topic, network


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
    )


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
) -> list[Recommendation]:
    """The candidates the graph offers for ``uid``, scored, explained and in order.

    With ``keep``, only the first ``keep`` of each kind (or overall, without
    ``each_kind``) are returned; all are scored to find them.
    """
    policy.require_recommend_for(uid)
    chosen = kinds or list(PARTNER_KINDS)
    not_actors = sorted(k.value for k in chosen if k not in ACTOR_KINDS and k is not EntityKind.ACHIEVEMENT)
    if not_actors:
        raise InvalidInputError(f"cannot recommend {', '.join(not_actors)} as partners / 该类型不能作为合作伙伴")
    resolved = resolve_weights(weights)
    focus = load_focus(store, uid, need)
    regions = region_names(store, region) if region else []
    kind_names = sorted(k.value for k in chosen)
    kind_of: dict[str, str] = {}
    topic, network = _candidates(store, focus, kind_names, regions, kind_of)
    pool = _best_of_each_kind((set(topic) | set(network)) - focus.partners.keys() - {uid}, topic, network, kind_of)
    if include_existing:
        # Existing partners are candidates whether or not the searches above reached them.
        pool |= {p for p, kind in focus.partners.items() if kind in kind_names and p != uid}
    profiles = store.read("recommend_profiles", {"uids": sorted(pool)})
    # Every candidate is scored, but only what can be returned becomes a Recommendation
    # with components and reasons: building those for the whole pool cost a third of a
    # request's time in Python.
    rated: list[tuple[float, str, str, dict[str, Any]]] = []
    for row in profiles:
        props = row["entity"]
        if regions and props.get("region") not in regions:
            continue
        kind = str(props["kind"])
        cand = str(props["uid"])
        score = _assess(focus, kind, props, row, network.get(cand, [])).total(resolved)
        rated.append((score, cand, kind, row))
    rated.sort(key=lambda item: (-item[0], item[1]))
    taken: Counter[str] = Counter()
    results = []
    for _, cand, kind, row in rated:
        group = kind if each_kind else ""
        taken[group] += 1
        if keep is None or taken[group] <= keep:
            results.append(_recommendation(focus, row, network.get(cand, []), resolved))
    return results


def _best_of_each_kind(
    pool: set[str], topic: dict[str, list[dict[str, Any]]], network: dict[str, list[Via]], kind_of: dict[str, str]
) -> set[str]:
    """The best ``POOL_PER_KIND`` of each kind, then the best of the rest up to ``POOL``.

    Ranked by topic weight plus shared ties, the signals the candidates were found by.
    """

    def rank(c: str) -> tuple[float, str]:
        return (-(sum(h["weight"] for h in topic.get(c, [])) + len(network.get(c, []))), c)

    ranked = sorted(pool, key=rank)
    kept: set[str] = set()
    taken: Counter[str] = Counter()
    for candidate in ranked:
        kind = kind_of.get(candidate, "")
        if taken[kind] < POOL_PER_KIND:
            taken[kind] += 1
            kept.add(candidate)
    for candidate in ranked:
        if len(kept) >= POOL:
            break
        kept.add(candidate)
    return kept


class _Assessment(NamedTuple):
    """A candidate's component scores and what its reasons would rest on."""

    scores: dict[str, float | None]
    matches: list[TopicMatch]
    place: str | None
    parks: frozenset[str]
    transfers: list[dict[str, str]]

    def total(self, weights: dict[str, float]) -> float:
        return round(total(self.scores, weights), 6)


def _assess(focus: Focus, kind: str, props: dict[str, Any], row: dict[str, Any], vias: list[Via]) -> _Assessment:
    fields = [str(f["uid"]) for f in row["fields"] if f.get("uid")]
    topic, matches = topic_fit(focus.needs, focus.families, fields)
    parks = frozenset(row["parks"])
    geo, place = focus.geography(props.get("region"), parks)
    transfers = [t for t in row["transfers"] if t.get("achievement")]
    stage: float | None = None
    if kind == "Investor" and focus.entity.kind is EntityKind.ENTERPRISE:
        stage = stage_fit(focus.entity.properties.get("stage"), props.get("stages") or [])
    scores: dict[str, float | None] = {
        "topic": topic,
        "network": network_proximity(vias),
        "geography": geo,
        "credibility": credibility(Record(kind, props, len(transfers), int(row["portfolio"]))),
        "stage": stage,
        "complementarity": complementarity(focus.partner_kinds.get(kind, 0)),
    }
    return _Assessment(scores, matches, place, parks, transfers)


def _recommendation(focus: Focus, row: dict[str, Any], vias: list[Via], weights: dict[str, float]) -> Recommendation:
    """The candidate's score, components and the reasons for them."""
    entity = Entity.from_row(row["entity"])
    kind, props = entity.kind.value, entity.properties
    assessed = _assess(focus, kind, row["entity"], row, vias)
    scores = assessed.scores
    asker, cand = focus.entity.uid, entity.uid
    reasons: list[Reason] = []
    names = {**{str(f["uid"]): str(f["name"]) for f in row["fields"] if f.get("uid")}, **focus.names}
    for m in assessed.matches[:2]:
        reasons.append(why.topic_reason(asker, cand, m, focus.families, names, focus.need_edges))
    for via in sorted({v.uid: v for v in vias}.values(), key=lambda v: (-VIA_ORDER.get(v.kind, 0), v.uid))[:2]:
        reasons.append(why.network_reason(asker, cand, via))
    place, geo = assessed.place, scores["geography"]
    if place and geo is not None and geo >= 0.6:
        park = place in assessed.parks
        reasons.append(why.geography_reason(asker, cand, place, place if park else focus.region_uids.get(place), park))
    reason = why.credibility_reason(cand, kind, props, assessed.transfers, int(row["portfolio"]))
    if reason is not None:
        reasons.append(reason)
    stage = scores["stage"]
    if stage is not None and stage >= 0.5:
        reasons.append(why.stage_reason(asker, cand, str(focus.entity.properties.get("stage")), stage))
    complement = scores["complementarity"]
    if complement is not None and complement >= 1.0:
        reasons.append(why.complementarity_reason(asker, cand, kind))
    components = tuple(
        Component(name, round(value, 4), weights[name]) for name, value in scores.items() if value is not None
    )
    return Recommendation(entity, assessed.total(weights), components, tuple(reasons), cand in focus.partners)


VIA_ORDER = {"Scientist": 5, "Society": 4, "Workstation": 4, "Institution": 3, "Programme": 1}
