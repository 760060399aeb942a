"""Timings of the talent map and the workstation review on a benchmark ecosystem (printed, never asserted)."""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable

from graph_service.services.access.principal import LOCAL_OPERATOR, acting_as
from graph_service.services.programmes.talent_map import talent_map
from graph_service.services.programmes.workstation_review import review_workstations
from graph_service.store import GraphStore


def _timed(run: Callable[[], object], samples: int) -> dict[str, float]:
    seconds = []
    for _ in range(samples):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return {
        "p50 ms": round(statistics.median(seconds) * 1000, 1),
        "max ms": round(max(seconds) * 1000, 1),
    }


def measure(
    store: GraphStore, chains: list[str], region: str | None, since: int, samples: int
) -> dict[str, dict[str, float]]:
    """Per operation, the median and slowest of ``samples`` calls through the services."""
    rows: dict[str, dict[str, float]] = {}
    with acting_as(LOCAL_OPERATOR):
        for chain in chains:
            rows[f"talentMap {chain}"] = _timed(functools.partial(talent_map, store, chain, region), samples)
        rows["reviewWs all"] = _timed(lambda: review_workstations(store), samples)
        rows[f"reviewWs {region or ''} {since}"] = _timed(lambda: review_workstations(store, region, since), samples)
    return rows
