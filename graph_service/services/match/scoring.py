"""Score components, each in [0, 1]. Pure functions over plain data, tested without a graph."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph_service.ontology import STAGES, EntityKind

# Investment stages in order (the ontology's one list), for stage fit.
STAGE_ORDER = STAGES

# How much a shared neighbour of each kind says about a warm introduction.
VIA_STRENGTH: dict[EntityKind, float] = {
    EntityKind.SCIENTIST: 1.0,
    EntityKind.ACHIEVEMENT: 0.9,
    EntityKind.ENTERPRISE: 0.8,
    EntityKind.WORKSTATION: 0.8,
    EntityKind.INSTITUTION: 0.7,
    EntityKind.INVESTOR: 0.7,
    EntityKind.SERVICE_AGENCY: 0.7,
    EntityKind.SOCIETY: 0.6,
    EntityKind.PROGRAMME: 0.3,
}
UNKNOWN_VIA_STRENGTH = 0.3
# Rows carry kinds as their names: looked up by name on the hot path.
_STRENGTH_BY_NAME = {kind.value: strength for kind, strength in VIA_STRENGTH.items()}


@dataclass(frozen=True, slots=True)
class FieldFamily:
    """A field's place in the taxonomy."""

    uid: str
    name: str
    parent: str | None = None
    siblings: frozenset[str] = frozenset()
    children: frozenset[str] = frozenset()
    name_en: str | None = None


@dataclass(frozen=True, slots=True)
class TopicMatch:
    need: str
    field: str
    closeness: float
    relation: str  # "same", "narrower", "broader", "sibling"


def closeness(need: FieldFamily, candidate_field: str) -> tuple[float, str]:
    """How close a candidate's field is to a needed field through the taxonomy.

    >>> closeness(FieldFamily("f:a", "A", "f:p", frozenset({"f:a", "f:b"})), "f:b")
    (0.5, 'sibling')
    """
    if candidate_field == need.uid:
        return 1.0, "same"
    if candidate_field in need.children:
        return 0.7, "narrower"
    if candidate_field == need.parent:
        return 0.7, "broader"
    if candidate_field in need.siblings:
        return 0.5, "sibling"
    return 0.0, ""


def topic_fit(
    needs: Mapping[str, float], families: Mapping[str, FieldFamily], fields: Iterable[str]
) -> tuple[float, list[TopicMatch]]:
    """Weighted coverage of the needed fields by the candidate's fields, with the best match of each."""
    fields = sorted(fields)
    total = sum(needs.values())
    if total <= 0 or not fields:
        return 0.0, []
    covered = 0.0
    matches = []
    for need, weight in sorted(needs.items()):
        family = families.get(need) or FieldFamily(need, need)
        best = max(((*closeness(family, f), f) for f in fields), key=lambda item: item[0])
        if best[0] > 0:
            matches.append(TopicMatch(need, best[2], best[0], best[1]))
            covered += weight * best[0]
    matches.sort(key=lambda m: (-m.closeness, m.need))
    return min(1.0, covered / total), matches


@dataclass(frozen=True, slots=True)
class Via:
    """A neighbour the asker and a candidate share, with how many social ties it has."""

    uid: str
    kind: str
    name: str
    first_type: str
    second_type: str
    first_outgoing: bool
    second_outgoing: bool
    degree: int = 2
    name_en: str | None = None


@dataclass(frozen=True, slots=True)
class Bridge:
    """A path of three social ties to a candidate: the asker's neighbour ``near``, then the
    candidate's neighbour ``far``. Each hop is a :class:`Via` read along the path (``near``'s
    second tie is ``far``'s first), with its degree."""

    near: Via
    far: Via

    @property
    def key(self) -> tuple[str, str]:
        return self.near.uid, self.far.uid


# A shared neighbour with at most this many ties counts fully; one with more counts as
# RA_SCALE / degree of that (resource allocation): a society of 3,000 members says little
# about a warm introduction, a co-author with three co-authors says much.
RA_SCALE = 4.0
# The most one shared neighbour can say alone (a noisy-or term).
VIA_EVIDENCE = 0.6
# What a path of three ties says beside a shared neighbour of the same strengths: where
# no two-tie path reaches a kind (an enterprise's next investor co-invests with its
# investors; a scientist's next society is its co-members' society), the local-path
# index (paths of three, each discounted by its middles' degrees) is the evidence left.
BRIDGE_SHARE = 0.5


def via_strength(via: Via) -> float:
    """What one shared neighbour says: its kind's strength, discounted by its degree.

    >>> via_strength(Via("s", "Scientist", "x", "COLLABORATED_WITH", "COLLABORATED_WITH", True, True, 3))
    1.0
    >>> via_strength(Via("s", "Scientist", "x", "COLLABORATED_WITH", "COLLABORATED_WITH", True, True, 40))
    0.1
    """
    return _STRENGTH_BY_NAME.get(via.kind, UNKNOWN_VIA_STRENGTH) * min(1.0, RA_SCALE / max(via.degree, 1))


def bridge_strength(bridge: Bridge) -> float:
    """What one path of three ties says: both middles' strengths, discounted by ``BRIDGE_SHARE``.

    >>> near = Via("m", "Scientist", "m", "COLLABORATED_WITH", "MEMBER_OF", True, True, 4)
    >>> far = Via("s", "Society", "s", "MEMBER_OF", "MEMBER_OF", False, False, 8)
    >>> bridge_strength(Bridge(near, far))
    0.15
    """
    return BRIDGE_SHARE * via_strength(bridge.near) * via_strength(bridge.far)


def distinct_bridges(bridges: Iterable[Bridge]) -> list[Bridge]:
    """Each pair of middles once, strongest first (then by names, so reasons are stable)."""
    unique = {b.key: b for b in bridges}.values()
    return sorted(unique, key=lambda b: (-bridge_strength(b), b.near.name, b.far.name, b.key))


def distinct_vias(vias: Iterable[Via]) -> list[Via]:
    """Each shared neighbour once, strongest first (then by name, so reasons are stable)."""
    unique = {v.uid: v for v in vias}.values()
    return sorted(unique, key=lambda v: (-via_strength(v), v.name, v.uid))


def network_proximity(vias: Iterable[Via], bridges: Iterable[Bridge] = ()) -> float:
    """A noisy-or over shared neighbours and paths of three, each weighted by kind and by how few ties it has.

    >>> round(network_proximity([Via("s", "Society", "x", "MEMBER_OF", "MEMBER_OF", True, False, 2)]), 2)
    0.36
    >>> round(network_proximity([Via("s", "Society", "x", "MEMBER_OF", "MEMBER_OF", True, False, 400)]), 4)
    0.0036
    """
    miss = 1.0
    for via in {v.uid: v for v in vias}.values():
        miss *= 1 - VIA_EVIDENCE * via_strength(via)
    for bridge in {b.key: b for b in bridges}.values():
        miss *= 1 - VIA_EVIDENCE * bridge_strength(bridge)
    return 1 - miss


@dataclass(frozen=True, slots=True)
class Structure:
    """Classic link-prediction indices of one (asker, candidate) pair over the social ties."""

    common: int
    resource_allocation: float
    adamic_adar: float
    # Paths of three ties, and the local-path index over them (sum of 1/(degree·degree)).
    paths_of_three: int = 0
    local_paths: float = 0.0


def structure(vias: Iterable[Via], bridges: Iterable[Bridge] = ()) -> Structure:
    """Common neighbours, resource allocation (sum of 1/degree), Adamic-Adar (sum of 1/log degree)
    and the paths of three with their degree-discounted sum.

    >>> structure([Via("m", "Scientist", "m", "C", "C", True, True, 4)])
    Structure(common=1, resource_allocation=0.25, adamic_adar=0.7213, paths_of_three=0, local_paths=0.0)
    """
    unique = list({v.uid: v for v in vias}.values())
    ra = sum(1 / max(v.degree, 1) for v in unique)
    aa = sum(1 / math.log(max(v.degree, 2)) for v in unique)
    paths = list({b.key: b for b in bridges}.values())
    lp = sum((1 / (max(b.near.degree, 1) * max(b.far.degree, 1)) for b in paths), 0.0)
    return Structure(len(unique), round(ra, 6), round(aa, 4), len(paths), round(lp, 6))


@dataclass(frozen=True, slots=True)
class Place:
    region: str | None
    parks: frozenset[str] = frozenset()


def ancestors(region: str | None, tree: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """The region and every region it lies within, nearest first, each with its fewest WITHIN steps up."""
    out: dict[str, int] = {}
    frontier = [(region, 0)] if region else []
    while frontier:
        current, steps = frontier.pop(0)
        if current in out:
            continue
        out[current] = steps
        frontier += [(parent, steps + 1) for parent in tree.get(current, ())]
    return out


def geography(asker: Place, candidate: Place, tree: Mapping[str, tuple[str, ...]]) -> tuple[float, str | None]:
    """1 for a shared park, 0.8 same region, 0.6 one within the other or a shared parent, 0.3 a wider shared area.

    Returns the score and the shared park or region it rests on.

    >>> tree = {"成都市": ("四川省", "成渝"), "重庆市": ("成渝",)}
    >>> geography(Place("重庆市"), Place("成都市"), tree)
    (0.6, '成渝')
    """
    shared_parks = sorted(asker.parks & candidate.parks)
    if shared_parks:
        return 1.0, shared_parks[0]
    if not asker.region or not candidate.region:
        return 0.0, None
    if asker.region == candidate.region:
        return 0.8, asker.region
    up_a, up_c = ancestors(asker.region, tree), ancestors(candidate.region, tree)
    if candidate.region in up_a:
        return 0.6, candidate.region
    if asker.region in up_c:
        return 0.6, asker.region
    # Near by steps up, not by place in a list: a region within two others has both one
    # step up, in whichever order the engine listed them.
    shared = sorted((max(up_a[r], up_c[r]), r) for r in up_a if r in up_c)
    if shared:
        steps, region = shared[0]
        return (0.6 if steps <= 1 else 0.3), region
    return 0.0, None


@dataclass(frozen=True, slots=True)
class Record:
    """What credibility rests on."""

    kind: str
    properties: Mapping[str, object] = field(default_factory=dict)
    transfers: int = 0
    portfolio: int = 0
    degree: int = 0  # social ties, counted up to the cap


# Transfers and investments are counted up to this many when scoring: every kind's record
# standing is full by then (an investor's at 10, the others' sooner), and a hub's record
# grows with the graph.
RECORD_CAP = 10
# Degrees are counted up to this many ties: a hub's ties grow with the graph, and past
# the cap its share of a shared neighbour is negligible either way (1 / cap).
DEGREE_CAP = 100
# Network standing: log-scaled degree, reaching this at the degree cap. Below the
# record-based standings at the top (an academician, a 5A society), so a record still
# outranks mere connectedness.
STANDING_TOP = 0.9


def network_standing(degree: int) -> float:
    """How well connected a candidate is, in [0, STANDING_TOP].

    >>> network_standing(0), network_standing(100), round(network_standing(9), 2)
    (0.0, 0.9, 0.45)
    """
    return STANDING_TOP * min(1.0, math.log1p(max(0, degree)) / math.log1p(DEGREE_CAP))


def credibility(record: Record) -> float:
    """Standing of a candidate: its record (academician, 5A rating, transfers, investments) or its ties.

    New ties go most often to those who already have many, in every ecosystem measured;
    the better of record and connectedness counts.
    """
    return max(_record_standing(record), network_standing(record.degree))


def _record_standing(record: Record) -> float:
    p = record.properties
    if record.kind == "Scientist":
        if p.get("is_academician"):
            return 1.0
        return min(0.9, 0.3 + 0.15 * record.transfers + (0.1 if p.get("overseas") else 0.0))
    if record.kind == "Society":
        if p.get("rating") == "5A":
            return 1.0
        return {"national": 0.8, "provincial": 0.6, "municipal": 0.5}.get(str(p.get("level")), 0.4)
    if record.kind == "ServiceAgency":
        return min(1.0, 0.3 + 0.15 * record.transfers)
    if record.kind == "Institution":
        return min(1.0, 0.4 + 0.1 * record.transfers)
    if record.kind == "Investor":
        return min(1.0, 0.3 + 0.07 * record.portfolio)
    if record.kind == "Workstation":
        return 0.9 if p.get("station_kind") == "academician" else 0.6
    if record.kind == "Enterprise":
        for flag, value in (("chain_leader", 1.0), ("specialised", 0.8), ("high_tech", 0.7)):
            if p.get(flag):
                return value
        return 0.4
    if record.kind == "Achievement":
        trl = p.get("trl")
        return float(trl) / 9 if isinstance(trl, int) else 0.4
    return 0.4


def stage_fit(enterprise_stage: str | None, investor_stages: Iterable[str]) -> float | None:
    """1 when the investor invests at the enterprise's stage, 0.5 next to it, 0.1 otherwise; None if unknown.

    >>> stage_fit("a", ["seed", "angel"]), stage_fit("a", ["a"]), stage_fit(None, ["a"])
    (0.5, 1.0, None)
    """
    stages = [s for s in investor_stages if s in STAGE_ORDER]
    if enterprise_stage not in STAGE_ORDER or not stages:
        return None
    if enterprise_stage in stages:
        return 1.0
    position = STAGE_ORDER.index(enterprise_stage)
    if any(abs(STAGE_ORDER.index(s) - position) == 1 for s in stages):
        return 0.5
    return 0.1


def complementarity(existing_of_kind: int) -> float:
    """How much a partner of this kind adds: the kinds the asker lacks score highest.

    >>> complementarity(0), complementarity(2), complementarity(5)
    (1.0, 0.5, 0.2)
    """
    if existing_of_kind == 0:
        return 1.0
    return 0.5 if existing_of_kind <= 2 else 0.2


def total(scores: Mapping[str, float | None], weights: Mapping[str, float]) -> float:
    """The weighted mean over the components that apply (None means it does not).

    >>> total({"topic": 1.0, "stage": None}, {"topic": 0.5, "stage": 0.5})
    1.0
    """
    weighted = weight = 0.0
    for name, value in scores.items():
        if value is not None:
            w = weights.get(name, 0.0)
            weighted += w * value
            weight += w
    if weight <= 0:
        return 0.0
    return weighted / weight
