"""A region's overview: the counts managers report upward, transfers by year, and each of its
chains' coverage at a glance (成都市 and 重庆市 side by side by default)."""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.services.access import policy
from graph_service.services.cache import VersionedCache
from graph_service.services.chains.gaps import cached_chain_gaps
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

DEFAULT_REGIONS = ("成都市", "重庆市")
MAX_REGIONS = 6


@dataclass(frozen=True, slots=True)
class ChainCoverage:
    uid: str
    name: str
    name_en: str | None
    segments: int
    covered: int  # segments with at least one enterprise
    gaps: int
    chain_leaders: int


@dataclass(frozen=True, slots=True)
class RegionOverview:
    region: str
    workstations: int
    partner_units: int
    societies_5a: int
    enterprise_associations: int
    enterprises: int
    chain_leaders: int
    specialised: int
    transfers_by_year: tuple[tuple[int | None, int], ...]
    chains: tuple[ChainCoverage, ...]


def _chain(store: GraphStore, row: dict[str, object]) -> ChainCoverage:
    report = cached_chain_gaps(store, str(row["uid"]))
    return ChainCoverage(
        str(row["uid"]),
        str(row["name"]),
        None if row.get("name_en") is None else str(row["name_en"]),
        len(report.segments),
        sum(1 for s in report.segments if s.counts.enterprises),
        sum(len(s.gaps) for s in report.segments) + len(report.gaps),
        sum(s.counts.chain_leaders for s in report.segments),
    )


def region_overview(store: GraphStore, region: str) -> RegionOverview:
    """One region's overview; the region is also read by its other names (成都 -> 成都市)."""
    policy.require_reports()
    names = region_names(store, region)
    params = {"regions": names}
    counts = store.read("overview_counts", params)[0]
    transfers = tuple(
        (None if r["year"] is None else int(r["year"]), int(r["transfers"]))
        for r in store.read("overview_transfers", params)
    )
    chains = tuple(_chain(store, row) for row in store.read("overview_chains", params))
    return RegionOverview(
        names[0],
        int(counts["workstations"] or 0),
        int(counts["partner_units"] or 0),
        int(counts["societies_5a"] or 0),
        int(counts["enterprise_associations"] or 0),
        int(counts["enterprises"] or 0),
        int(counts["chain_leaders"] or 0),
        int(counts["specialised"] or 0),
        transfers,
        chains,
    )


_OVERVIEWS: VersionedCache[RegionOverview] = VersionedCache()


def cached_overview(store: GraphStore, region: str) -> RegionOverview:
    """``region_overview`` once per graph version: its chains' gaps read every member of their fields."""
    policy.require_reports()
    return _OVERVIEWS.get(store, ("overview", region), lambda: region_overview(store, region))
