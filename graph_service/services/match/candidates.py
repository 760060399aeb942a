"""Who could be a partner: the asker as the scorer sees it, and the pool of candidates.

Candidates come from the graph in a few round trips: people and organisations in the
needed fields and the taxonomy around them (read from the fields' rosters, so a popular
field costs no more at a million entities than at a thousand), and those two ties away
through a shared society, programme, collaborator or workstation (and three ties away for
a kind two ties do not reach). Every source selects
by relevance to this asker — field weight, region, proximity discounted by how connected
the shared neighbour is — and breaks ties by a hash of asker and candidate, never by uid,
so equal weights do not let the same low uids stand for a whole field.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from graph_service.domain.entities import Entity
from graph_service.errors import InvalidInputError, NotFoundError
from graph_service.ontology import EntityKind
from graph_service.services.explore.paths import WARM_TIES
from graph_service.services.match.need_text import UnderstoodTerm, read_need, segment
from graph_service.services.match.popular import most_connected
from graph_service.services.match.rosters import ROSTER_KINDS, read_rosters
from graph_service.services.match.scoring import (
    DEGREE_CAP,
    Bridge,
    FieldFamily,
    Place,
    Via,
    bridge_strength,
    geography,
    via_strength,
)
from graph_service.store import GraphStore

SOCIAL_TIES = tuple(sorted(t.value for t in WARM_TIES))
# Taken from a field's roster (kept several times larger) per kind: from a needed field,
# and from a field next to it in the taxonomy.
PER_NEED_FIELD = 30
PER_NEAR_FIELD = 8
# Walked per field when a region filter (or a kind no roster keeps) sends the search to
# the field's members.
PER_FIELD = 150
# Candidates per shared neighbour: a hub shares little with each of its members anyway.
PER_VIA = 60
# Paths of three ties are walked for a kind that fewer than this many two-tie neighbours
# reach, with this many neighbours per middle (two middles: the walk is bounded by its square).
BRIDGE_BELOW = 20
PER_BRIDGE_HOP = 15
# Taken per kind from its most connected (a kept list of ``popular.TOP``).
PER_POPULAR = 30
# Candidates kept before profiles are read and scored: each costs a profile and a score.
# The floor per kind lets a team find its scientist, agency and investor beside a crowd
# of enterprises.
POOL = 250
POOL_PER_KIND = 20
# How much a candidate's nearness to the asker's region lifts it when picking from a
# roster: a same-city member of equal field weight goes first.
REGION_LIFT = 0.5
# How much a need counts: a field read from the need text, by how well it matched (a
# named field counts 1); a stated NEEDS by its priority (1-10); a field the asker works
# in by its weight.
TEXT_NEED = 0.8
NEEDS_BASE, NEEDS_PER_PRIORITY, DEFAULT_PRIORITY = 0.6, 0.08, 5
IN_FIELD_NEED = 0.6
# A field hit counts this much in pool selection when the field is only near a need.
NEAR_FIELD_RELEVANCE = 0.3
# Pool selection: how much the asker's place adds to field hits.
PLACE_RELEVANCE = 0.5


@dataclass(frozen=True, slots=True)
class Need:
    """What the asker needs: field uids and/or free text."""

    fields: list[str] = field(default_factory=list)
    text: str = ""


@dataclass(frozen=True, slots=True)
class FieldHit:
    """A candidate works in ``field`` with this IN_FIELD weight."""

    field: str
    weight: float


@dataclass(slots=True)
class Candidate:
    """One candidate as the sources found it, before its profile is read."""

    uid: str
    kind: str
    region: str | None = None
    hits: list[FieldHit] = field(default_factory=list)
    vias: list[Via] = field(default_factory=list)
    bridges: list[Bridge] = field(default_factory=list)
    # Its social degree, when it came in among its kind's most connected.
    popularity: int = 0


@dataclass(frozen=True, slots=True)
class Partner:
    """An existing partner of the asker."""

    uid: str
    kind: str
    name: str
    name_en: str | None


@dataclass
class Focus:
    """The asker as the scorer sees it."""

    entity: Entity
    needs: dict[str, float]
    need_edges: dict[str, str]
    families: dict[str, FieldFamily]
    names: dict[str, str]
    names_en: dict[str, str]
    partners: dict[str, Partner]
    partner_kinds: Counter[str]
    parks: frozenset[str]
    tree: dict[str, tuple[str, ...]]
    region_uids: dict[str, str]
    region_names_en: dict[str, str]
    # What the need text was read as (empty without text).
    understood: tuple[UnderstoodTerm, ...] = ()
    not_understood: tuple[str, ...] = ()
    # Candidates share a few hundred regions: each (region, shared parks) is placed once.
    places: dict[tuple[str | None, frozenset[str]], tuple[float, str | None]] = field(default_factory=dict)

    @property
    def region(self) -> str | None:
        value = self.entity.properties.get("region")
        return None if value is None else str(value)

    def geography(self, region: str | None, parks: frozenset[str]) -> tuple[float, str | None]:
        """The geography score of a candidate in ``region`` and ``parks``, and the place it rests on."""
        key = (region, parks & self.parks)
        if key not in self.places:
            asker = Place(self.region, self.parks)
            self.places[key] = geography(asker, Place(*key), self.tree)
        return self.places[key]


def tie_break(asker: str, candidate: str) -> int:
    """A stable order among equals that differs from asker to asker and is not uid order."""
    digest = hashlib.blake2b(f"{asker}\x00{candidate}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def field_families(store: GraphStore, uids: list[str]) -> dict[str, FieldFamily]:
    """Each field's place in the taxonomy (its broader field, siblings and narrower fields), by uid."""
    rows = store.read("field_family", {"fields": uids})
    return {
        str(r["uid"]): FieldFamily(
            str(r["uid"]),
            str(r["name"]),
            r["parent"],
            frozenset(r["siblings"] or []),
            frozenset(r["children"] or []),
            None if r.get("name_en") is None else str(r["name_en"]),
        )
        for r in rows
    }


def load_focus(store: GraphStore, uid: str, need: Need | None) -> Focus:
    """The asker, what it needs (stated or from its profile) and whom it already works with.

    An asker with no need and no field is still served: by the network when it has ties
    (a collaboration network imported without a taxonomy), else by popularity.
    """
    rows = store.read("recommend_focus", {"uid": uid})
    if not rows:
        raise NotFoundError(f"no entity with uid '{uid}' / 不存在标识为「{uid}」的实体")
    row = rows[0]
    entity = Entity.from_row(row["entity"])
    profile = [f for f in row["fields"] if f.get("uid")]
    partners = {
        str(p["uid"]): Partner(str(p["uid"]), str(p["kind"]), str(p.get("name") or p["uid"]), p.get("name_en"))
        for p in row["partners"]
        if p.get("uid")
    }
    needs: dict[str, float] = {}
    need_edges: dict[str, str] = {}
    understood: tuple[UnderstoodTerm, ...] = ()
    not_understood: tuple[str, ...] = ()
    if need is not None:
        if not need.fields and not need.text.strip():
            raise InvalidInputError("the need is empty: give fields or text / 需求为空：请给出技术领域或描述")
        for f in need.fields:
            needs[f] = 1.0
        if need.text.strip():
            try:
                reading = read_need(store, need.text)
            except InvalidInputError:
                if not need.fields:
                    raise
                # Fields were named: they serve, and the text's words stand as not understood.
                not_understood = tuple(segment(need.text))
            else:
                understood, not_understood = reading.understood, reading.not_understood
                for f, score in reading.fields.items():
                    needs.setdefault(f, round(TEXT_NEED * score, 4))
        for f in profile:
            if f["uid"] in needs:
                need_edges[f["uid"]] = f["type"]
    else:
        for f in profile:
            if f["type"] == "NEEDS":
                weight = NEEDS_BASE + NEEDS_PER_PRIORITY * float(f["priority"] or DEFAULT_PRIORITY)
            else:
                weight = IN_FIELD_NEED * float(f["weight"] or 1.0)
            if weight > needs.get(f["uid"], 0.0):
                needs[f["uid"]] = weight
                need_edges[f["uid"]] = f["type"]
    # An asker with no need, no field and no ties is still served: by the most connected
    # of the asked kinds, where new ties go most often.
    families = field_families(store, sorted(needs)) if needs else {}
    unknown = sorted(set(needs) - families.keys())
    if unknown:
        raise InvalidInputError(f"unknown fields: {', '.join(unknown)} / 未知技术领域：{'、'.join(unknown)}")
    tree_rows = store.read("regions_tree")
    tree = {str(r["name"]): tuple(str(n) for n in r["within"]) for r in tree_rows}
    region_uids = {str(r["name"]): str(r["uid"]) for r in tree_rows}
    region_names_en = {str(r["name"]): str(r["name_en"]) for r in tree_rows if r.get("name_en")}
    parks = frozenset(p for p, partner in partners.items() if partner.kind == "Park")
    names = {f: fam.name for f, fam in families.items()}
    names_en = {f: fam.name_en for f, fam in families.items() if fam.name_en}
    return Focus(
        entity,
        needs,
        need_edges,
        families,
        names,
        names_en,
        partners,
        Counter(p.kind for p in partners.values()),
        parks,
        tree,
        region_uids,
        region_names_en,
        understood,
        not_understood,
    )


def _near_fields(focus: Focus) -> set[str]:
    near: set[str] = set()
    for family in focus.families.values():
        near |= {family.uid, *family.children, *family.siblings}
        if family.parent:
            near.add(family.parent)
    return near


def _from_rosters(
    store: GraphStore, focus: Focus, near: set[str], kinds: list[str], found: dict[str, Candidate]
) -> list[str]:
    """Roster members of the needed and nearby fields; returns the fields that have no roster yet.

    From each roster the ``PER_NEED_FIELD`` (or ``PER_NEAR_FIELD``) most relevant members
    of each kind are taken: field weight, lifted by nearness to the asker's region, then
    the asker's own tie-break.
    """
    asker = focus.entity.uid
    unbuilt: list[str] = []
    for field_uid, members in sorted(read_rosters(store, sorted(near)).items()):
        if members is None:
            unbuilt.append(field_uid)
            continue
        take = PER_NEED_FIELD if field_uid in focus.needs else PER_NEAR_FIELD
        by_kind: dict[str, list[tuple[float, int, str, float, str | None]]] = {}
        for member, kind, weight, region in members:
            if kind in kinds and member != asker:
                near_score = focus.geography(region, frozenset())[0] if region else 0.0
                lifted = float(weight) + REGION_LIFT * near_score
                by_kind.setdefault(kind, []).append((-lifted, tie_break(asker, member), member, weight, region))
        for kind, ranked in by_kind.items():
            ranked.sort()
            for _, _, member, weight, region in ranked[:take]:
                candidate = found.setdefault(member, Candidate(member, kind, region))
                candidate.hits.append(FieldHit(field_uid, float(weight)))
    return unbuilt


def _topic_candidates(
    store: GraphStore, focus: Focus, kinds: list[str], regions: list[str], found: dict[str, Candidate]
) -> None:
    """Candidates working in the needed fields or next to them in the taxonomy, with their field weights.

    Without a region filter they come from the fields' rosters. A region filter, a kind
    no roster keeps, or a field whose roster is not built yet falls back to walking the
    field's members.
    """
    near = _near_fields(focus)
    if not near:
        return
    scan_fields = sorted(near) if regions else _from_rosters(store, focus, near, kinds, found)
    rostered = {k.value for k in ROSTER_KINDS}
    scans = [(scan_fields, kinds)]
    unrostered = [k for k in kinds if k not in rostered]
    if unrostered and not regions:
        scans.append((sorted(near - set(scan_fields)), unrostered))
    for fields, scan_kinds in scans:
        if not fields:
            continue
        params = {
            "fields": fields,
            "kinds": scan_kinds,
            "uid": focus.entity.uid,
            "regions": regions,
            "per_field": PER_FIELD,
        }
        for row in store.read("recommend_topic", params):
            uid = str(row["uid"])
            candidate = found.setdefault(uid, Candidate(uid, str(row["kind"]), row.get("region")))
            candidate.hits += [FieldHit(str(h["field"]), float(h["weight"])) for h in row["hits"]]


def _network_candidates(store: GraphStore, focus: Focus, kinds: list[str], found: dict[str, Candidate]) -> None:
    """Candidates two social ties away, each with the neighbours it shares with the asker."""
    rows = store.read(
        "recommend_network",
        {
            "uid": focus.entity.uid,
            "ties": list(SOCIAL_TIES),
            "kinds": kinds,
            "per_via": PER_VIA,
            "degree_cap": DEGREE_CAP,
        },
    )
    for r in rows:
        uid = str(r["uid"])
        candidate = found.setdefault(uid, Candidate(uid, str(r["kind"]), r.get("region")))
        candidate.vias = [
            Via(
                str(v["via"]),
                str(v["via_kind"]),
                str(v["via_name"]),
                str(v["r1"]),
                str(v["r2"]),
                bool(v["out1"]),
                bool(v["out2"]),
                int(v["degree"]),
                None if v.get("via_name_en") is None else str(v["via_name_en"]),
            )
            for v in r["vias"]
        ]


def _bridge_candidates(store: GraphStore, focus: Focus, kinds: list[str], found: dict[str, Candidate]) -> None:
    """Candidates three social ties away, for the asked kinds that two-tie paths reach too rarely."""
    reached = Counter(c.kind for c in found.values() if c.vias)
    thin = [k for k in kinds if reached[k] < BRIDGE_BELOW]
    if not thin or not focus.partners:
        return
    params = {
        "uid": focus.entity.uid,
        "ties": list(SOCIAL_TIES),
        "kinds": thin,
        "per_via": PER_BRIDGE_HOP,
        "degree_cap": DEGREE_CAP,
    }
    for r in store.read("recommend_bridges", params):
        uid = str(r["uid"])
        candidate = found.setdefault(uid, Candidate(uid, str(r["kind"]), r.get("region")))
        candidate.bridges = [_bridge(b) for b in r["bridges"]]


def _bridge(row: dict[str, object]) -> Bridge:
    def name_en(key: str) -> str | None:
        value = row.get(key)
        return None if value is None else str(value)

    near = Via(
        str(row["near"]),
        str(row["near_kind"]),
        str(row["near_name"]),
        str(row["r1"]),
        str(row["r2"]),
        bool(row["out1"]),
        bool(row["out2"]),
        int(str(row["near_degree"])),
        name_en("near_name_en"),
    )
    far = Via(
        str(row["far"]),
        str(row["far_kind"]),
        str(row["far_name"]),
        str(row["r2"]),
        str(row["r3"]),
        bool(row["out2"]),
        bool(row["out3"]),
        int(str(row["far_degree"])),
        name_en("far_name_en"),
    )
    return Bridge(near, far)


def _popular_candidates(store: GraphStore, kinds: list[str], regions: list[str], found: dict[str, Candidate]) -> None:
    """The most connected of each asked kind (within ``regions``), with their degrees."""
    for kind, members in most_connected(store, kinds).items():
        for member in members[:PER_POPULAR]:
            if regions and member.region not in regions:
                continue
            candidate = found.setdefault(member.uid, Candidate(member.uid, kind, member.region))
            candidate.popularity = member.degree


def gather(store: GraphStore, focus: Focus, kinds: list[str], regions: list[str]) -> dict[str, Candidate]:
    """Every candidate the sources reach, by uid (the asker and its partners included)."""
    found: dict[str, Candidate] = {}
    _topic_candidates(store, focus, kinds, regions, found)
    _network_candidates(store, focus, kinds, found)
    _bridge_candidates(store, focus, kinds, found)
    _popular_candidates(store, kinds, regions, found)
    return found


def topic_relevance(focus: Focus, candidate: Candidate) -> float:
    """How strongly the field sources point at a candidate: need-weighted field hits and place."""
    topic = sum(h.weight * focus.needs.get(h.field, NEAR_FIELD_RELEVANCE) for h in candidate.hits)
    place = focus.geography(candidate.region, frozenset())[0] if candidate.region else 0.0
    return topic + PLACE_RELEVANCE * place


def network_relevance(candidate: Candidate) -> float:
    """How strongly shared neighbours and paths of three point at a candidate, by kind and fewness of ties.

    A sum, not the noisy-or of the network component, so that many weak shared
    neighbours still order candidates the way resource allocation does.
    """
    shared = sum(via_strength(v) for v in {v.uid: v for v in candidate.vias}.values())
    return shared + sum(bridge_strength(b) for b in {b.key: b for b in candidate.bridges}.values())


def select_pool(focus: Focus, candidates: list[Candidate]) -> list[Candidate]:
    """The pool: taken in turn from the best by field relevance, by shared neighbours and by popularity.

    Any source alone would crowd out the others (a popular field has hundreds of
    members; a well-connected asker has hundreds of two-tie neighbours), and which one
    carries the signal depends on the ecosystem. The best ``POOL_PER_KIND`` of each kind
    in that merged order come first, then the rest up to ``POOL``.
    """
    asker = focus.entity.uid
    by_topic = sorted(candidates, key=lambda c: (-topic_relevance(focus, c), tie_break(asker, c.uid)))
    connected = [c for c in candidates if c.vias or c.bridges]
    by_network = sorted(
        connected, key=lambda c: (-network_relevance(c), -topic_relevance(focus, c), tie_break(asker, c.uid))
    )
    popular = [c for c in candidates if c.popularity]
    by_popularity = sorted(popular, key=lambda c: (-c.popularity, -topic_relevance(focus, c), tie_break(asker, c.uid)))
    merged: dict[str, Candidate] = {}
    for row in itertools.zip_longest(by_topic, by_network, by_popularity):
        for candidate in row:
            if candidate is not None:
                merged.setdefault(candidate.uid, candidate)
    ranked = list(merged.values())
    kept: dict[str, Candidate] = {}
    taken: Counter[str] = Counter()
    for candidate in ranked:
        if taken[candidate.kind] < POOL_PER_KIND:
            taken[candidate.kind] += 1
            kept[candidate.uid] = candidate
    for candidate in ranked:
        if len(kept) >= POOL:
            break
        kept.setdefault(candidate.uid, candidate)
    return list(kept.values())


def pool_for(
    store: GraphStore,
    focus: Focus,
    kinds: list[str],
    regions: list[str],
    *,
    include_existing: bool,
    also: Mapping[str, str] | None = None,
) -> dict[str, Candidate]:
    """The candidates that will be profiled and scored, by uid; ``also`` (uid -> kind) joins them.

    ``also`` is how training rates the partners an introduction named, whether or not the
    sources reached them: what the sources found of one (its shared neighbours) is kept.
    """
    asker = focus.entity.uid
    found = gather(store, focus, kinds, regions)
    fresh = [c for uid, c in found.items() if uid != asker and uid not in focus.partners]
    pool = {c.uid: c for c in select_pool(focus, fresh)}
    for uid, kind in (also or {}).items():
        if uid != asker and uid not in focus.partners:
            pool.setdefault(uid, found.get(uid) or Candidate(uid, kind))
    if include_existing:
        # Existing partners are candidates whether or not the searches above reached them.
        for uid, partner in focus.partners.items():
            if partner.kind in kinds and uid != asker:
                pool.setdefault(uid, found.get(uid) or Candidate(uid, partner.kind))
    return pool


def candidate_pool(
    store: GraphStore,
    uid: str,
    *,
    kinds: list[EntityKind],
    need: Need | None = None,
    region_names: list[str] | None = None,
) -> set[str]:
    """The uids that reach scoring for ``uid`` (what pool recall is measured on)."""
    focus = load_focus(store, uid, need)
    names = sorted(k.value for k in kinds)
    return set(pool_for(store, focus, names, region_names or [], include_existing=False))
