"""talent_map: an industry chain's talent map (产业人才图谱), segment by segment.

For each segment, upstream to downstream (NEXT, then position), the talent working in the
fields it requires (REQUIRES, narrower fields included, as chain gaps count it):
scientists by tier, overseas (海智) scientists, institutions, societies and workstations,
counted in the region and outside it by city, with the biggest and the nearest
concentrations outside and the institutions and societies outside that hold most of the
segment's scientists (where to recruit from).

Definitions
-----------
- A scientist is in exactly one tier, the first that applies: 院士 (``is_academician``,
  or the title 院士); 高级职称 (a senior title of ``SENIOR_TITLES``: 正高级 and 副高级);
  青年 (``young``); 其他. ``overseas`` (海智) scientists are counted across tiers.
- Talent is counted once per segment, in the region it is recorded in: inside (the region
  and every region within it, up to three levels), outside (rolled up to its city), or
  unrecorded (no region: neither inside nor outside).
- A segment's talent sits mostly outside when more than ``MOSTLY_OUTSIDE`` of its
  recorded talent (scientists + institutions + societies + workstations) is outside.
- Steps apart: WITHIN steps up to the nearest region holding both places (1 for two cities
  of one province or one economic circle); the nearest concentrations are the places fewest
  steps away, the biggest first among them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from graph_service.errors import LimitExceededError, NotFoundError
from graph_service.ontology import EntityKind
from graph_service.services.access import policy
from graph_service.services.programmes.places import (
    RegionTree,
    home_region,
    place_of,
    ranked_places,
    steps_apart,
    upstream_order,
)
from graph_service.store import GraphStore

# 正高级 and 副高级 titles as recorded (the ontology leaves ``title`` free text).
SENIOR_TITLES = (
    "教授",
    "研究员",
    "正高级工程师",
    "教授级高级工程师",
    "高级工程师",
    "副教授",
    "副研究员",
    "主任医师",
    "副主任医师",
    "高级实验师",
    "高级农艺师",
    "高级经济师",
    "正高级",
    "副高级",
)
TALENT_KINDS = (EntityKind.SCIENTIST, EntityKind.INSTITUTION, EntityKind.SOCIETY, EntityKind.WORKSTATION)
MOSTLY_OUTSIDE = 0.5
DEFAULT_TOP = 5
MAX_TOP = 20


@dataclass(frozen=True, slots=True)
class TalentCounts:
    scientists: int = 0
    academicians: int = 0
    senior: int = 0
    young: int = 0
    other: int = 0
    overseas: int = 0
    institutions: int = 0
    societies: int = 0
    workstations: int = 0

    @property
    def total(self) -> int:
        """Talent units: scientists, institutions, societies and workstations, each once."""
        return self.scientists + self.institutions + self.societies + self.workstations

    def plus(self, other: TalentCounts) -> TalentCounts:
        """The two counts added.

        >>> TalentCounts(scientists=2, senior=2).plus(TalentCounts(scientists=1, young=1)).total
        3
        """
        return TalentCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> TalentCounts:
        return cls(*(int(row.get(f.name) or 0) for f in fields(cls)))


@dataclass(frozen=True, slots=True)
class PlaceTalent:
    place: str  # a city, the home region, or "" for talent with no region recorded
    name_en: str | None
    in_region: bool
    steps: int | None  # WITHIN steps from the home region (0 for it); None when unrelated
    counts: TalentCounts


@dataclass(frozen=True, slots=True)
class OrgTalent:
    uid: str
    name: str
    name_en: str | None
    kind: EntityKind
    region: str | None
    steps: int | None
    scientists: int  # the segment's scientists affiliated with it or members of it


@dataclass(frozen=True, slots=True)
class SegmentTalent:
    uid: str
    name: str
    name_en: str | None
    position: int
    required: tuple[tuple[str, str], ...]  # (uid, name) of the fields it requires
    inside: TalentCounts
    outside: TalentCounts
    unrecorded: TalentCounts
    places: tuple[PlaceTalent, ...]  # every place with talent: home, outside biggest first, unrecorded
    biggest_outside: tuple[PlaceTalent, ...]
    nearest_outside: tuple[PlaceTalent, ...]
    institutions: tuple[OrgTalent, ...] = ()
    societies: tuple[OrgTalent, ...] = ()

    @property
    def share_outside(self) -> float:
        recorded = self.inside.total + self.outside.total
        return round(self.outside.total / recorded, 4) if recorded else 0.0

    @property
    def mostly_outside(self) -> bool:
        return self.share_outside > MOSTLY_OUTSIDE

    def reason(self, home: str, home_en: str | None = None) -> tuple[str, str]:
        """What the segment's map says, in Chinese and English."""
        name_en, home_en = self.name_en or self.name, home_en or home
        inside, outside = self.inside.total, self.outside.total
        of = f"{outside}/{inside + outside}"
        if inside + outside == 0:
            return (
                f"「{self.name}」所需领域没有记录地区的人才",
                f"No talent with a recorded region works in {name_en}'s fields",
            )
        share = f"{self.share_outside:.0%}"
        top = self.biggest_outside[0] if self.biggest_outside else None
        where_zh = f"，最集中于{top.place}（{top.counts.total}）" if top else ""
        where_en = f", most in {top.name_en or top.place} ({top.counts.total})" if top else ""
        if self.mostly_outside:
            return (
                f"「{self.name}」所需人才多在{home}以外：{of}（{share}）{where_zh}",
                f"Most of the talent {name_en} needs is outside {home_en}: {of} ({share}){where_en}",
            )
        return (
            f"「{self.name}」所需人才以{home}本地为主：区外{of}（{share}）{where_zh}",
            f"The talent {name_en} needs is mostly in {home_en}: {of} outside ({share}){where_en}",
        )


@dataclass(frozen=True, slots=True)
class TalentMap:
    chain: str
    name: str
    name_en: str | None
    region: str  # the home region, as recorded
    region_en: str | None
    region_defaulted: bool  # not asked for: the chain's own city
    places: tuple[str, ...]  # the heat map's columns: home, outside biggest first, unrecorded last
    segments: tuple[SegmentTalent, ...] = field(default=())

    @property
    def mostly_outside(self) -> tuple[SegmentTalent, ...]:
        return tuple(s for s in self.segments if s.mostly_outside)


def _read_chain(store: GraphStore, chain: str) -> list[dict[str, Any]]:
    rows = store.read("talent_chain", {"chain": chain})
    if not rows:
        raise NotFoundError(f"chain: no industry chain '{chain}' / chain：不存在产业链「{chain}」")
    return rows


def _orgs(rows: list[dict[str, Any]], home: str, tree: RegionTree) -> dict[tuple[str, str], tuple[OrgTalent, ...]]:
    out: dict[tuple[str, str], tuple[OrgTalent, ...]] = {}
    for row in rows:
        kind = EntityKind(str(row["kind"]))
        orgs = [
            OrgTalent(
                str(o["uid"]),
                str(o.get("name") or o["uid"]),
                o.get("name_en"),
                kind,
                o.get("region"),
                steps_apart(tree.city_of(str(o.get("region") or "")), home, tree),
                int(o["scientists"]),
            )
            for o in row["orgs"]
        ]
        orgs.sort(key=lambda o: (-o.scientists, o.uid))
        out[(str(row["segment"]), kind.value)] = tuple(orgs)
    return out


def talent_map(store: GraphStore, chain: str, region: str | None = None, *, top: int = DEFAULT_TOP) -> TalentMap:
    """The talent map of ``chain`` around ``region`` (default: the chain's own city)."""
    policy.require_reports()
    if not 1 <= top <= MAX_TOP:
        raise LimitExceededError(f"top must be between 1 and {MAX_TOP} / top 须在 1 到 {MAX_TOP} 之间")
    rows = _read_chain(store, chain)
    home, home_names, defaulted = home_region(store, region, rows[0].get("chain_region"))
    tree = RegionTree.read(store)
    segments: list[dict[str, Any]] = [
        {"uid": str(r["uid"]), "fields": list(dict.fromkeys(f for f in r["fields"] if f))} for r in rows
    ]
    by_place: dict[str, dict[str, TalentCounts]] = {str(r["uid"]): {} for r in rows}
    params = {"segments": segments, "kinds": [k.value for k in TALENT_KINDS], "senior_titles": list(SENIOR_TITLES)}
    for row in store.read("talent_segment_places", params):
        cells = by_place[str(row["segment"])]
        place = place_of(row.get("region"), home, home_names, tree)
        cells[place] = cells.get(place, TalentCounts()).plus(TalentCounts.from_row(row))
    org_rows = store.read("talent_segment_orgs", {"segments": segments, "regions": sorted(home_names), "top": top})
    orgs = _orgs(org_rows, home, tree)
    chain_totals: dict[str, int] = {}
    built: dict[str, SegmentTalent] = {}
    for row in rows:
        uid = str(row["uid"])
        cells = by_place[uid]
        outside_places = [(p, c.total) for p, c in cells.items() if p not in (home, "")]
        ranked = ranked_places(outside_places, home, tree)
        places = [PlaceTalent(home, tree.names_en.get(home), True, 0, cells.get(home, TalentCounts()))]
        places += [PlaceTalent(p, tree.names_en.get(p), False, steps, cells[p]) for p, _, steps in ranked]
        if "" in cells:
            places.append(PlaceTalent("", None, False, None, cells[""]))
        outside = [p for p in places if not p.in_region and p.place]
        nearest = sorted((p for p in outside if p.steps is not None), key=lambda p: (p.steps, -p.counts.total, p.place))
        for p in places:
            chain_totals[p.place] = chain_totals.get(p.place, 0) + p.counts.total
        built[uid] = SegmentTalent(
            uid,
            str(row["name"]),
            row.get("name_en"),
            int(row["position"] or 0),
            tuple((str(f["uid"]), str(f["name"])) for f in row["required"] if f.get("uid")),
            cells.get(home, TalentCounts()),
            _sum(p.counts for p in outside),
            cells.get("", TalentCounts()),
            tuple(places),
            tuple(outside[:top]),
            tuple(nearest[:top]),
            orgs.get((uid, EntityKind.INSTITUTION.value), ()),
            orgs.get((uid, EntityKind.SOCIETY.value), ()),
        )
    order = upstream_order(
        {str(r["uid"]): int(r["position"] or 0) for r in rows}, {str(r["uid"]): list(r["next"]) for r in rows}
    )
    columns = [home] + [
        p for p, _, _ in ranked_places(((p, t) for p, t in chain_totals.items() if p not in (home, "")), home, tree)
    ]
    if "" in chain_totals:
        columns.append("")
    first = rows[0]
    return TalentMap(
        chain,
        str(first["chain_name"]),
        first.get("chain_name_en"),
        home,
        tree.names_en.get(home),
        defaulted,
        tuple(columns),
        tuple(built[uid] for uid in order),
    )


def _sum(counts: Iterable[TalentCounts]) -> TalentCounts:
    total = TalentCounts()
    for c in counts:
        total = total.plus(c)
    return total
