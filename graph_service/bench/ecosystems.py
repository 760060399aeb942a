"""Benchmark ecosystems of a given size, built once and reused from their own data directory."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from graph_service.services.match.rosters import read_rosters, rebuild_all_rosters
from graph_service.services.seed import load_demo
from graph_service.services.stats import graph_stats
from graph_service.store.embedded import EmbeddedStore

BENCH_DIR = Path("var/bench")


def open_ecosystem(size: int, *, seed: int = 2024, directory: Path = BENCH_DIR) -> EmbeddedStore:
    """An embedded store holding the seed plus ``size`` synthetic entities (built when missing)."""
    store = EmbeddedStore.open(directory / f"size-{size}")
    store.ensure_schema()
    synthetic = sum(k.synthetic for k in graph_stats(store).kinds)
    if synthetic < size * 0.9:
        started = time.perf_counter()
        print(f"building the {size:,}-entity ecosystem…", file=sys.stderr)
        store.clear()
        load_demo(store, synthetic_size=size, synthetic_seed=seed)
        print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    fields = [str(r["field"]) for r in store.read("field_uids")]
    if None in read_rosters(store, fields).values():
        # Built by an earlier version that kept no field rosters.
        started = time.perf_counter()
        rebuild_all_rosters(store)
        print(f"  field rosters built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return store
