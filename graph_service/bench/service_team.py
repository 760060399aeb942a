"""How long an expert service team takes over a district of a benchmark ecosystem, and its memory.

The time is split where the work is: reading the district's enterprises, their needs and
every expert who could serve them, and building each expert's cover set (read and
score), then the greedy choice (optimise). Peak memory is Python's own allocations over
both, measured in a separate run under ``tracemalloc`` (which slows what it traces).
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from dataclasses import dataclass

from graph_service.ontology import EntityKind
from graph_service.services.programmes.service_team import DEFAULT_KINDS, ServiceTeam, scope_rows, solve
from graph_service.services.programmes.team_instance import TeamInstance, read_instance
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore

TARGET_ENTERPRISES = 2000


@dataclass(frozen=True, slots=True)
class TeamRun:
    district: str
    enterprises: int
    pairs: int
    experts: int
    size: int
    covered: float
    total: float
    optimum_at_most: float
    read_ms: float
    optimise_ms: float
    peak_mb: float
    engine_rss_mb: float | None

    def last_line(self) -> str:
        return (
            f"service_team enterprises={self.enterprises} experts={self.experts} size={self.size} "
            f"read_ms={self.read_ms:.1f} optimise_ms={self.optimise_ms:.1f} peak_mb={self.peak_mb:.1f}"
        )


def pick_district(store: GraphStore, target: int = TARGET_ENTERPRISES) -> str:
    """The region whose enterprises (with those of the regions within it) number nearest ``target``."""
    names = [str(r["name"]) for r in store.read("regions_tree")]

    def enterprises(name: str) -> int:
        kinds = graph_stats(store, name).kinds
        return sum(k.total for k in kinds if k.kind == EntityKind.ENTERPRISE.value)

    return min(names, key=lambda name: (abs(enterprises(name) - target), name))


def _once(store: GraphStore, district: str, size: int) -> tuple[TeamInstance, ServiceTeam, float, float]:
    started = time.perf_counter()
    place, rows = scope_rows(store, "region", district)
    instance = read_instance(store, rows, list(DEFAULT_KINDS))
    read = time.perf_counter()
    team = solve(store, instance, "region", place, size, [], set())
    return instance, team, (read - started) * 1000, (time.perf_counter() - read) * 1000


def measure(store: GraphStore, *, size: int, district: str | None = None, repeats: int = 3) -> TeamRun:
    """The median of ``repeats`` runs (after one unmeasured), and the peak memory of one more."""
    chosen = district or pick_district(store)
    _once(store, chosen, size)
    runs = [_once(store, chosen, size) for _ in range(repeats)]
    tracemalloc.start()
    try:
        _once(store, chosen, size)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    instance, team, _, _ = runs[-1]
    rss = store.engine_info().get("rss_bytes")
    return TeamRun(
        district=team.place,
        enterprises=team.enterprises,
        pairs=len(instance.pairs),
        experts=len(instance.covers),
        size=size,
        covered=team.covered,
        total=team.total,
        optimum_at_most=team.optimum_at_most,
        read_ms=round(statistics.median(r[2] for r in runs), 1),
        optimise_ms=round(statistics.median(r[3] for r in runs), 1),
        peak_mb=round(peak / 2**20, 1),
        engine_rss_mb=round(rss / 2**20, 1) if isinstance(rss, int) else None,
    )
