"""form_service_team (科技专家服务团): experts who together serve the most needs of a place's enterprises.

The place is a district (region, with the regions within it), a park or an industry
chain. Each (enterprise, need) pair weighs its priority; an expert covers the pairs its
fields serve (``team_instance``). The team is chosen by greedy maximum coverage
(``max_coverage``): within (1 - 1/e) of the best team of its size, each member shown with
its marginal gain, ``mustInclude`` placed first and ``exclude`` never.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.domain.entities import Entity
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import KIND_SPECS, EntityKind
from graph_service.services.access import policy
from graph_service.services.explore.entities import get_entities
from graph_service.services.match.candidates import tie_break
from graph_service.services.match.ranking import PARTNER_KINDS
from graph_service.services.programmes.max_coverage import GUARANTEE, greedy_max_coverage, online_bound
from graph_service.services.programmes.team_instance import NeedBasis, NeedPair, TeamInstance, read_instance
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

MAX_TEAM = 50
DEFAULT_KINDS = (EntityKind.SCIENTIST,)


@dataclass(frozen=True, slots=True)
class TeamMember:
    expert: Entity
    gain: float
    covers: tuple[NeedPair, ...]  # the pairs it newly covered, in the order of the team
    serves: int  # every pair of the place it could serve
    forced: bool = False  # named in mustInclude


@dataclass(frozen=True, slots=True)
class ServiceTeam:
    scope: str  # "region", "park" or "chain"
    place: str
    basis: NeedBasis
    enterprises: int
    covered: float
    total: float
    members: tuple[TeamMember, ...]
    uncovered: tuple[NeedPair, ...]
    # The best team of this size covers at most this much (so covered / optimum_at_most
    # is a guarantee for this instance, usually far above 1 - 1/e).
    optimum_at_most: float
    guarantee: float = round(GUARANTEE, 4)


def _scope(region: str | None, park: str | None, chain: str | None) -> tuple[str, str]:
    given = [(name, value) for name, value in (("region", region), ("park", park), ("chain", chain)) if value]
    if len(given) != 1:
        raise InvalidInputError(
            "give exactly one of region, park or chain / region（地区）、park（园区）、chain（产业链）须且只须给出一个"
        )
    return given[0]


def _check_size(size: int, must: list[str]) -> None:
    if size < 1:
        raise InvalidInputError(f"size must be at least 1, not {size} / size（团队人数）至少为 1")
    if size > MAX_TEAM:
        raise LimitExceededError(f"size must be at most {MAX_TEAM}, not {size} / size（团队人数）最多为 {MAX_TEAM}")
    if len(must) > size:
        raise InvalidInputError(
            f"mustInclude names {len(must)} experts, more than size {size} / mustInclude 人数超过 size（{size}）"
        )


def _check_kinds(kinds: list[EntityKind]) -> None:
    wrong = [k for k in kinds if k not in PARTNER_KINDS]
    if wrong:
        allowed = ", ".join(k.value for k in PARTNER_KINDS)
        raise InvalidInputError(
            f"kinds: {', '.join(k.value for k in wrong)} cannot serve on a team (allowed: {allowed})"
            f" / kinds：{'、'.join(KIND_SPECS[k].zh for k in wrong)}不能加入服务团"
        )


def scope_rows(store: GraphStore, scope: str, value: str) -> tuple[str, list[dict[str, object]]]:
    """The place's name and its enterprises with their needs and fields."""
    if scope == "region":
        names = region_names(store, value)
        return names[0], store.read("service_team_region", {"regions": names})
    found = store.read("entity_kinds", {"uids": [value]})
    wanted = EntityKind.PARK if scope == "park" else EntityKind.INDUSTRY_CHAIN
    if not found:
        raise NotFoundError(f"{scope}: no entity with uid '{value}' / {scope}：不存在标识为「{value}」的实体")
    if found[0]["kind"] != wanted.value:
        raise InvalidInputError(
            f"{scope}: '{value}' is a {found[0]['kind']}, not a {wanted.value}"
            f" / {scope}：「{value}」不是{KIND_SPECS[wanted].zh}"
        )
    return value, store.read(f"service_team_{scope}", {scope: value})


def _known(store: GraphStore, argument: str, uids: list[str]) -> dict[str, dict[str, object]]:
    rows = {str(r["uid"]): r for r in store.read("service_team_fields", {"uids": uids})} if uids else {}
    unknown = [u for u in uids if u not in rows]
    if unknown:
        raise NotFoundError(
            f"{argument}: unknown uids {', '.join(unknown)} / {argument}：不存在的标识 {'、'.join(unknown)}"
        )
    return rows


def form_service_team(
    store: GraphStore,
    *,
    size: int,
    region: str | None = None,
    park: str | None = None,
    chain: str | None = None,
    kinds: list[EntityKind] | None = None,
    exclude: list[str] | None = None,
    must_include: list[str] | None = None,
) -> ServiceTeam:
    """The team of at most ``size`` experts of ``kinds`` serving the most need weight of the place."""
    policy.require_reports()
    scope, value = _scope(region, park, chain)
    must = list(dict.fromkeys(must_include or []))
    banned = set(exclude or [])
    _check_size(size, must)
    chosen_kinds = list(kinds or DEFAULT_KINDS)
    _check_kinds(chosen_kinds)
    both = sorted(banned & set(must))
    if both:
        raise InvalidInputError(f"mustInclude and exclude both name {', '.join(both)} / 同时在必选与排除名单中")
    must_rows = _known(store, "mustInclude", must)
    must_fields = {uid: [str(f) for f in row["fields"]] for uid, row in must_rows.items()}  # type: ignore[attr-defined]
    _known(store, "exclude", sorted(banned))
    place, rows = scope_rows(store, scope, value)
    instance = read_instance(store, rows, chosen_kinds)
    if not instance.pairs:
        raise InvalidInputError(
            f"{scope}: no enterprise of '{place}' states a need or works in a field: nothing to cover"
            f" / {scope}：「{place}」没有提出需求或登记领域的企业，无可覆盖的需求"
        )
    cache: dict[frozenset[str], tuple[frozenset[tuple[str, str]], float]] = {}
    for uid in must:
        if uid not in instance.covers:
            instance.add_expert(uid, str(must_rows[uid]["kind"]), must_fields[uid], cache)
    return solve(store, instance, scope, place, size, must, banned)


def solve(
    store: GraphStore, instance: TeamInstance, scope: str, place: str, size: int, must: list[str], banned: set[str]
) -> ServiceTeam:
    """The greedy team over a read instance, with its members' entities and the pairs left uncovered."""
    sets = {uid: pairs for uid, pairs in instance.covers.items() if uid not in banned}
    weights = instance.weights
    picks = greedy_max_coverage(
        sets, size, weight=weights, first=must, order=lambda uid: (-instance.fit[uid], tie_break(place, uid))
    )
    entities = get_entities(store, [p.item for p in picks]) if picks else {}
    members = tuple(
        TeamMember(
            entities[p.item],
            p.gain,
            tuple(sorted((instance.pairs[k] for k in p.covered), key=_pair_order)),
            len(sets[p.item]),
            p.forced,
        )
        for p in picks
    )
    covered = {k for p in picks for k in p.covered}
    uncovered = tuple(sorted((p for k, p in instance.pairs.items() if k not in covered), key=_pair_order))
    total = instance.total
    bound = min(total, online_bound(sets, [p.item for p in picks], size - len(must), weights))
    return ServiceTeam(
        scope,
        place,
        instance.basis,
        instance.enterprises,
        round(sum(p.gain for p in picks), 6),
        total,
        members,
        uncovered,
        round(bound, 6),
    )


def _pair_order(pair: NeedPair) -> tuple[float, str, str, str]:
    return -pair.weight, pair.enterprise_name, pair.enterprise, pair.need
