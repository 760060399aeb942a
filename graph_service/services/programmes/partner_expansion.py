"""expand_partner_programme (生态伙伴扩容): the organisations whose joining reaches the most new ground.

A programme's partners reach the chain segments they are in (IN_SEGMENT), the fields they
work in (IN_FIELD) and the districts they are in (their region, a Region or a park they
are LOCATED_IN, by the park's Region). The organisations not yet PARTNER_OF it are
chosen greedily by how many segments, fields and districts each adds that no partner nor
earlier pick reaches (``max_coverage``: within (1 - 1/e) of the best set of that size),
each with its marginal gain and the reasons. Among equal gains the recommender's score for
the programme decides, so the picks follow it when it improves.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import Evidence, Reason
from graph_service.errors import GraphServiceError, InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import ORGANISATION_KINDS, EntityKind
from graph_service.services.access import policy
from graph_service.services.explore.entities import get_entities
from graph_service.services.match.candidates import tie_break
from graph_service.services.match.ranking import score_candidates
from graph_service.services.programmes.max_coverage import greedy_max_coverage
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

MAX_COUNT = 100
ORGANISATIONS = sorted(k.value for k in ORGANISATION_KINDS)
# Each dimension: the kind it counts, its names, and the tie that reaches it.
DIMENSIONS: dict[str, tuple[EntityKind, str, str, str]] = {
    "segment": (EntityKind.CHAIN_SEGMENT, "产业链环节", "chain segments", "IN_SEGMENT"),
    "field": (EntityKind.FIELD, "技术领域", "fields", "IN_FIELD"),
    "district": (EntityKind.REGION, "地区", "districts", "LOCATED_IN"),
}
Item = tuple[str, str]  # (dimension, uid)


@dataclass(frozen=True, slots=True)
class ReachItem:
    dimension: str
    uid: str
    name: str
    name_en: str | None = None


@dataclass(frozen=True, slots=True)
class Reach:
    segments: int
    fields: int
    districts: int


@dataclass(frozen=True, slots=True)
class ProgrammePick:
    entity: Entity
    gain: float
    covers: tuple[ReachItem, ...]
    reasons: tuple[Reason, ...]
    score: float  # the recommender's score for the programme, 0 when outside its pool


@dataclass(frozen=True, slots=True)
class ProgrammeExpansion:
    programme: str
    name: str
    partners: int
    picks: tuple[ProgrammePick, ...]
    before: Reach
    after: Reach
    total: Reach  # what there is to reach in the graph


def _reach(items: set[Item]) -> Reach:
    return Reach(*(sum(1 for d, _ in items if d == dim) for dim in DIMENSIONS))


def _partners(store: GraphStore, programme: str) -> tuple[str, list[str]]:
    rows = store.read("programme_partners", {"programme": programme})
    if not rows:
        raise NotFoundError(
            f"programme: no entity with uid '{programme}' / programme：不存在标识为「{programme}」的计划"
        )
    if rows[0]["kind"] != EntityKind.PROGRAMME.value:
        raise InvalidInputError(
            f"programme: '{programme}' is a {rows[0]['kind']}, not a Programme / programme：「{programme}」不是计划"
        )
    return str(rows[0]["name"]), sorted(str(u) for u in rows[0]["partners"])


def _scores(store: GraphStore, programme: str) -> dict[str, float]:
    try:
        ranked = score_candidates(store, programme, kinds=[EntityKind(k) for k in ORGANISATIONS])
    except GraphServiceError:
        return {}  # nothing to recommend from: ties fall to the stable order
    return {r.partner.uid: r.score for r in ranked}


def expand_partner_programme(
    store: GraphStore, programme: str, count: int, region: str | None = None
) -> ProgrammeExpansion:
    """Up to ``count`` organisations (in ``region`` when given) adding the most unreached ground."""
    policy.require_reports()
    if count < 1:
        raise InvalidInputError(f"count must be at least 1, not {count} / count（扩容数）至少为 1")
    if count > MAX_COUNT:
        raise LimitExceededError(f"count must be at most {MAX_COUNT}, not {count} / count（扩容数）最多为 {MAX_COUNT}")
    name, partners = _partners(store, programme)
    within = region_names(store, region) if region else []
    universe = store.read("programme_universe", {"kinds": [spec[0].value for spec in DIMENSIONS.values()]})
    dimension_of = {spec[0].value: dim for dim, spec in DIMENSIONS.items()}
    items = {(dimension_of[str(r["kind"])], str(r["uid"])): r for r in universe}
    region_uid = {str(r["name"]): str(r["uid"]) for r in universe if r["kind"] == EntityKind.REGION.value}

    def as_items(row: dict[str, object]) -> set[Item]:
        out = {("segment", str(u)) for u in row["segments"]} | {("field", str(u)) for u in row["fields"]}  # type: ignore[attr-defined]
        out |= {("district", region_uid[str(n)]) for n in row["districts"] if str(n) in region_uid}  # type: ignore[attr-defined]
        return out & items.keys()

    reached: set[Item] = set()
    for row in store.read("programme_reach", {"uids": partners}) if partners else []:
        reached |= as_items(row)
    open_items = items.keys() - reached
    params = {
        "segments": sorted(u for d, u in open_items if d == "segment"),
        "fields": sorted(u for d, u in open_items if d == "field"),
        "districts": sorted(str(items[i]["name"]) for i in open_items if i[0] == "district"),
        "kinds": ORGANISATIONS,
    }
    sets: dict[str, set[Item]] = {}
    members = set(partners)
    for row in store.read("programme_candidates", params):
        uid = str(row["uid"])
        if uid not in members and uid != programme:
            item = str(row["item"])
            key = ("district", region_uid.get(item, "")) if row["reach"] == "district" else (str(row["reach"]), item)
            if key in open_items:
                sets.setdefault(uid, set()).add(key)
    if within and sets:
        # Placed in the region the three ways a district is reached: property, Region, park.
        placed = {str(r["uid"]): set(r["districts"]) for r in store.read("programme_reach", {"uids": sorted(sets)})}
        sets = {uid: reach for uid, reach in sets.items() if placed.get(uid, set()) & set(within)}
    scores = _scores(store, programme) if sets else {}
    picks = greedy_max_coverage(
        sets, count, order=lambda uid: (-scores.get(uid, 0.0), -len(sets[uid]), tie_break(programme, uid))
    )
    entities = get_entities(store, [p.item for p in picks]) if picks else {}
    out = []
    for p in picks:
        covers = tuple(
            sorted(
                (ReachItem(d, u, str(items[(d, u)]["name"]), items[(d, u)].get("name_en")) for d, u in p.covered),
                key=lambda r: (list(DIMENSIONS).index(r.dimension), r.name, r.uid),
            )
        )
        out.append(
            ProgrammePick(entities[p.item], p.gain, covers, _reasons(p.item, covers, scores), scores.get(p.item, 0.0))
        )
    after = reached | {i for p in picks for i in p.covered}
    return ProgrammeExpansion(
        programme, name, len(partners), tuple(out), _reach(reached), _reach(after), _reach(set(items))
    )


def _reasons(uid: str, covers: tuple[ReachItem, ...], scores: dict[str, float]) -> tuple[Reason, ...]:
    reasons = []
    for dim, (_, zh, en, tie) in DIMENSIONS.items():
        mine = [c for c in covers if c.dimension == dim]
        if not mine:
            continue
        names_zh = "、".join(f"「{c.name}」" for c in mine)
        names_en = ", ".join(c.name_en or c.name for c in mine)
        evidence = tuple(Evidence((uid, c.uid), ((uid, tie, c.uid),)) for c in mine if dim != "district")
        reasons.append(
            Reason(
                "coverage",
                f"新增覆盖{len(mine)}个现有伙伴未覆盖的{zh}：{names_zh}",
                f"Reaches {len(mine)} {en} no partner reaches: {names_en}",
                evidence,
            )
        )
    score = scores.get(uid)
    if score:
        reasons.append(
            Reason(
                "score",
                f"推荐系统对该计划的评分 {score:.2f}",
                f"The recommender scores it {score:.2f} for the programme",
            )
        )
    return tuple(reasons)
