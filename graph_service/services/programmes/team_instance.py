"""What a service team is chosen over: the (enterprise, need) pairs of a place and who can serve each.

An enterprise's needs are its stated NEEDS, weighted by their priority (1 without one).
Where fewer than half of the place's enterprises state any need, each enterprise that
states none is taken to need the fields it works in (weight 1), and the answer says so.

An expert serves a need when one of its fields is close enough to the needed field by the
recommender's own measure (``scoring.closeness``: the same field, its broader field or a
narrower one; a sibling counts half there, below ``COVERS_AT``), so the team follows the
recommender when its notion of topic fit changes.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field

from graph_service.ontology import EntityKind
from graph_service.services.match.candidates import field_families
from graph_service.services.match.scoring import FieldFamily, closeness
from graph_service.store import GraphStore

COVERS_AT = 0.7
NEEDS_SHARE = 0.5

Pair = tuple[str, str]  # (enterprise uid, needed field uid)
Cover = tuple[frozenset[Pair], float]  # the pairs an expert serves, and how closely (weighted)


class NeedBasis(enum.Enum):
    """What an enterprise's needs were read from."""

    NEEDS = "NEEDS"  # stated needs (NEEDS), at least half of the enterprises state some
    FIELDS = "FIELDS"  # stated needs where stated, else the fields worked in (IN_FIELD)

    @property
    def zh(self) -> str:
        return "企业提出的技术需求" if self is NeedBasis.NEEDS else "企业技术需求不足半数，未提需求的按其业务领域计"

    @property
    def en(self) -> str:
        if self is NeedBasis.NEEDS:
            return "the needs enterprises stated"
        return "fewer than half of the enterprises stated needs: the fields of those that stated none count"


@dataclass(frozen=True, slots=True)
class NeedPair:
    """One need of one enterprise, with its weight and where it was read from."""

    enterprise: str
    enterprise_name: str
    need: str
    need_name: str
    weight: float
    stated: bool = True
    enterprise_name_en: str | None = None
    need_name_en: str | None = None

    @property
    def key(self) -> Pair:
        return self.enterprise, self.need


@dataclass
class TeamInstance:
    """The pairs to cover, each expert's cover set, and how well each fits (for ties)."""

    basis: NeedBasis
    enterprises: int
    pairs: dict[Pair, NeedPair]
    covers: dict[str, frozenset[Pair]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    fit: dict[str, float] = field(default_factory=dict)
    families: dict[str, FieldFamily] = field(default_factory=dict)
    serves: dict[str, dict[str, float]] = field(default_factory=dict)  # expert field -> need -> closeness
    by_need: dict[str, list[Pair]] = field(default_factory=dict)

    @property
    def weights(self) -> dict[Pair, float]:
        return {key: pair.weight for key, pair in self.pairs.items()}

    @property
    def total(self) -> float:
        return round(sum(p.weight for p in self.pairs.values()), 6)

    def __post_init__(self) -> None:
        for key in self.pairs:
            self.by_need.setdefault(key[1], []).append(key)

    def add_expert(self, uid: str, kind: str, fields: list[str], cache: dict[frozenset[str], Cover]) -> None:
        """Record what ``uid`` can serve (experts of the same fields share one cover set)."""
        key = frozenset(fields)
        if key not in cache:
            best: dict[str, float] = {}
            for f in key:
                for need, close in self.serves.get(f, {}).items():
                    best[need] = max(best.get(need, 0.0), close)
            covered = frozenset(pair for need in best for pair in self.by_need.get(need, ()))
            cache[key] = (covered, round(sum(best[p[1]] * self.pairs[p].weight for p in covered), 6))
        self.covers[uid], self.fit[uid] = cache[key]
        self.kinds[uid] = kind


def needs_of(rows: list[dict[str, object]]) -> tuple[NeedBasis, dict[Pair, NeedPair]]:
    """The (enterprise, need) pairs of the scope's enterprises, and what they were read from (names to come)."""
    stating = [r for r in rows if r["needs"]]
    basis = NeedBasis.NEEDS if rows and len(stating) >= NEEDS_SHARE * len(rows) else NeedBasis.FIELDS
    pairs: dict[Pair, NeedPair] = {}
    for row in rows:
        uid, name = str(row["uid"]), str(row["name"] or row["uid"])
        name_en = None if row.get("name_en") is None else str(row["name_en"])
        needs = list(row["needs"])  # type: ignore[call-overload]
        for need in needs:
            priority = need.get("priority")
            weight = float(priority) if isinstance(priority, int | float) else 1.0
            key = (uid, str(need["field"]))
            if key not in pairs or weight > pairs[key].weight:
                pairs[key] = NeedPair(uid, name, key[1], key[1], weight, True, name_en)
        if not needs and basis is NeedBasis.FIELDS:
            for f in row["fields"]:  # type: ignore[attr-defined]
                if f:
                    pairs.setdefault((uid, str(f)), NeedPair(uid, name, str(f), str(f), 1.0, False, name_en))
    return basis, pairs


def read_instance(store: GraphStore, rows: list[dict[str, object]], kinds: list[EntityKind]) -> TeamInstance:
    """The pairs of the scope's enterprise ``rows`` and the cover set of every expert of ``kinds``."""
    basis, pairs = needs_of(rows)
    needed = sorted({need for _, need in pairs})
    families = field_families(store, needed) if needed else {}
    named = {
        key: NeedPair(
            p.enterprise,
            p.enterprise_name,
            p.need,
            families[p.need].name if p.need in families else p.need,
            p.weight,
            p.stated,
            p.enterprise_name_en,
            families[p.need].name_en if p.need in families else None,
        )
        for key, p in pairs.items()
    }
    instance = TeamInstance(basis, len(rows), named, families=families)
    serves: dict[str, dict[str, float]] = defaultdict(dict)
    for need, family in families.items():
        near = {need, *family.children, *family.siblings, *([family.parent] if family.parent else [])}
        for f in near:
            close, _ = closeness(family, f)
            if close >= COVERS_AT:
                serves[f][need] = close
    instance.serves = dict(serves)
    if not serves:
        return instance
    fields_of: dict[str, list[str]] = defaultdict(list)
    kind_of: dict[str, str] = {}
    for kind in sorted(kinds, key=lambda k: k.value):
        for row in store.read("service_team_experts", {"fields": sorted(serves)}, slots={"kind": kind}):
            for uid in row["members"]:
                fields_of[str(uid)].append(str(row["field"]))
                kind_of[str(uid)] = kind.value
    cache: dict[frozenset[str], Cover] = {}
    for uid, fields in fields_of.items():
        instance.add_expert(uid, kind_of[uid], fields, cache)
    return instance
