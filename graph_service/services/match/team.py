"""recommend_team: the four-party set the ecosystem is built around, chosen together.

For an enterprise (企业家) and a need: a scientist (科学家), a technology-service agency
(科服机构) and an investor (创投家), plus a workstation or society where one fits. Each
member is first scored as a partner; a team's score adds how well its members already
know each other (ties among them, direct or through one shared neighbour), so a team
that has worked together ranks above three strangers of equal individual fit.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from graph_service.domain.recommendation import Evidence, Reason, Recommendation, Team
from graph_service.errors import InvalidInputError, LimitExceededError
from graph_service.ontology import KIND_SPECS, EntityKind
from graph_service.services.match.candidates import Need
from graph_service.services.match.ranking import score_candidates
from graph_service.store import GraphStore

CORE = (EntityKind.SCIENTIST, EntityKind.SERVICE_AGENCY, EntityKind.INVESTOR)
EXTRA = (EntityKind.WORKSTATION, EntityKind.SOCIETY)
PER_ROLE = 8
MAX_TEAMS = 10
COHESION_WEIGHT = 0.3


def _ties(store: GraphStore, uids: list[str]) -> dict[frozenset[str], list[Evidence]]:
    """Which pairs of ``uids`` are tied, directly or through one shared neighbour, with the paths."""
    edges: dict[str, dict[str, tuple[str, str, str]]] = defaultdict(dict)
    for row in store.read("neighbor_ties", {"uids": uids}):
        a, m = str(row["uid"]), str(row["other"])
        edges[a].setdefault(m, (a, str(row["type"]), m) if row["outgoing"] else (m, str(row["type"]), a))
    members = set(uids)
    ties: dict[frozenset[str], list[Evidence]] = defaultdict(list)
    for a, b in itertools.combinations(sorted(members), 2):
        if b in edges[a]:
            ties[frozenset((a, b))].append(Evidence((a, b), (edges[a][b],)))
        for via in sorted(edges[a].keys() & edges[b].keys() - members)[:2]:
            ties[frozenset((a, b))].append(Evidence((a, via, b), (edges[a][via], edges[b][via])))
    return ties


def recommend_team(
    store: GraphStore,
    uid: str,
    *,
    need: Need | None = None,
    region: str | None = None,
    weights: dict[str, float] | None = None,
    first: int = 3,
) -> list[Team]:
    """Up to ``first`` teams, best first; members are distinct and one of each role.

    A core role no candidate can fill leaves the team partial: the best team of the
    roles that can be filled is returned, with the missing roles named. ``region`` and
    ``weights`` rank each role's candidates as they rank recommendPartners'.
    """
    if not 1 <= first <= MAX_TEAMS:
        raise LimitExceededError(f"first must be between 1 and {MAX_TEAMS} / 最多推荐 {MAX_TEAMS} 个团队")
    ranked = score_candidates(
        store, uid, kinds=[*CORE, *EXTRA], need=need, region=region, weights=weights, keep=PER_ROLE
    )
    by_role = {kind: [r for r in ranked if r.partner.kind is kind][:PER_ROLE] for kind in (*CORE, *EXTRA)}
    filled = tuple(k for k in CORE if by_role[k])
    missing = tuple(k.value for k in CORE if not by_role[k])
    if not filled:
        zh = "、".join(KIND_SPECS[k].zh for k in CORE)
        raise InvalidInputError(
            f"no candidate for any role of a team ({', '.join(k.value for k in CORE)}) / 没有可组队的{zh}"
        )
    uids = sorted({r.partner.uid for recs in by_role.values() for r in recs} | {uid})
    ties = _ties(store, uids)
    tied = {ordered for pair in ties for ordered in itertools.permutations(pair)}
    extras = [(r, r.partner.uid, r.score * 0.1) for kind in EXTRA for r in by_role[kind][:3]]
    # A core none of whose members is tied to an extra takes the extra of highest
    # standing, found once; most cores are such.
    untied_extra: Recommendation | None = None
    untied_gain = 0.0
    for extra, _, standing in extras:
        if standing > untied_gain:
            untied_extra, untied_gain = extra, standing
    tied_to_extras = {a for a, b in tied if any(b == e for _, e, _ in extras)}
    # Every combination of the core roles is scored (8^3 of them); only the teams that
    # are returned get their reasons and Team objects.
    scored: list[tuple[float, tuple[str, ...], float, tuple[Recommendation, ...]]] = []
    for core in itertools.product(*(by_role[k] for k in filled)):
        core_uids = [m.partner.uid for m in core]
        best_extra = untied_extra
        if not tied_to_extras.isdisjoint(core_uids):
            best_gain = 0.0
            best_extra = None
            for extra, extra_uid, standing in extras:
                gain = sum((m, extra_uid) in tied for m in core_uids) * 0.05 + standing
                if gain > best_gain:
                    best_extra, best_gain = extra, gain
        members = (*core, best_extra) if best_extra else core
        people = (uid, *(m.partner.uid for m in members))
        pairs = len(people) * (len(people) - 1) // 2
        cohesion = sum(pair in tied for pair in itertools.combinations(people, 2)) / pairs
        fit = sum(m.score for m in core) / len(CORE)  # a missing role counts as 0
        score = round((1 - COHESION_WEIGHT) * fit + COHESION_WEIGHT * cohesion, 6)
        scored.append((score, people[1:], cohesion, members))
    scored.sort(key=lambda t: (-t[0], t[1]))
    teams = []
    for score, people, cohesion, members in scored[:first]:
        linked = [pair for pair in itertools.combinations((uid, *people), 2) if pair in tied]
        reasons = tuple(
            Reason(
                "cohesion",
                f"{_name(members, a, uid, zh=True)}与{_name(members, b, uid, zh=True)}已有联系",
                _capitalised(f"{_name(members, a, uid, zh=False)} and {_name(members, b, uid, zh=False)}")
                + " are already connected",
                tuple(ties[frozenset((a, b))][:2]),
            )
            for a, b in linked[:4]
        )
        reasons += tuple(_missing_reason(kind) for kind in missing)
        teams.append(Team(members, score, round(cohesion, 4), reasons, missing))
    return teams


def _missing_reason(kind: str) -> Reason:
    spec = KIND_SPECS[EntityKind(kind)]
    return Reason(
        "team",
        f"暂无合适的{spec.zh}，团队尚缺这一角色",
        f"No suitable {spec.en.lower()} was found: the team lacks this role",
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(members: tuple[Recommendation, ...], uid: str, asker: str, *, zh: bool) -> str:
    if uid == asker:
        return "贵单位" if zh else "you"
    partner = next(m.partner for m in members if m.partner.uid == uid)
    return partner.name if zh else str(partner.properties.get("name_en") or partner.name)
