"""Counts of the graph by kind, relationship type and region."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph_service.domain.region_alias import alias_keys, asked_keys
from graph_service.errors import InvalidInputError, NotFoundError
from graph_service.services.access import policy
from graph_service.store import GraphStore


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: str
    total: int
    synthetic: int


@dataclass(frozen=True, slots=True)
class GraphStats:
    kinds: list[KindCount]
    relations: dict[str, int]
    regions: dict[str, int] = field(default_factory=dict)

    @property
    def entity_total(self) -> int:
        return sum(k.total for k in self.kinds)

    @property
    def relation_total(self) -> int:
        return sum(self.relations.values())


def resolve_region(store: GraphStore, region: str) -> str:
    """The recorded name of the region ``region`` names by another name (成都, Chengdu -> 成都市).

    NotFoundError when no region answers to it; InvalidInputError naming the choices when several do.
    """
    wanted = asked_keys(region)
    matches = [
        str(row["name"])
        for row in store.read("region_aliases")
        if wanted & alias_keys(str(row["name"]), row.get("name_en"), [str(a) for a in row.get("aliases") or []])
    ]
    if not matches:
        raise NotFoundError(f"unknown region '{region}' / 未知地区「{region}」")
    if len(matches) > 1:
        raise InvalidInputError(
            f"region '{region}' could be any of {', '.join(matches)}: give its full name"
            f" / 地区「{region}」可指{'、'.join(matches)}，请写全称"
        )
    return matches[0]


def region_names(store: GraphStore, region: str) -> list[str]:
    """The region's name and the names of the regions within it, the region also given by an
    alias, in pinyin or in English; NotFoundError if unknown."""
    rows = store.read("region_names", {"region": region})
    if not rows:
        rows = store.read("region_names", {"region": resolve_region(store, region)})
    names = [str(rows[0]["name"]), *(str(n) for n in rows[0]["within"] if n)]
    return list(dict.fromkeys(names))


def graph_stats(store: GraphStore, region: str | None = None) -> GraphStats:
    """Counts by kind and relationship type, for the whole graph or within ``region``."""
    policy.require_read()
    regions = region_names(store, region) if region else []
    kinds = [
        KindCount(str(row["kind"]), int(row["total"]), int(row["synthetic"] or 0))
        for row in store.read("stats_kinds", {"regions": regions})
    ]
    relations = {str(row["type"]): int(row["total"]) for row in store.read("stats_relations", {"regions": regions})}
    by_region = {str(row["region"]): int(row["total"]) for row in store.read("stats_regions")}
    if regions:
        by_region = {name: total for name, total in by_region.items() if name in regions}
    return GraphStats(kinds, relations, by_region)
