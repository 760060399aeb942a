"""Benchmark ecosystems of a given size, built once and reused from their own data directory."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.services.derived.segment_tallies import decode, rebuild_all_tallies
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match.popular import LISTED_KINDS, most_connected, rebuild_popular
from graph_service.services.match.rosters import read_rosters, rebuild_all_rosters
from graph_service.services.seed import load_demo, read_seed
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore
from graph_service.synthetic import Reference, generate

BENCH_DIR = Path("var/bench")


def load_ecosystem(store: GraphStore, size: int, *, seed: int = 2024, link_model: str = "community") -> None:
    """Write the seed plus ``size`` synthetic entities linked by ``link_model`` (see ``graph_service.synthetic``)."""
    if link_model == "community":
        load_demo(store, synthetic_size=size, synthetic_seed=seed)
        return
    load_demo(store, synthetic_size=0)
    records = generate(size, seed, Reference.from_records(read_seed()), link_model=link_model)
    # The generator yields every entity before any relationship: one pass, in bounded memory.
    first: list[RelationRecord] = []

    def entities() -> Iterator[EntityRecord]:
        for record in records:
            if isinstance(record, RelationRecord):
                first.append(record)
                return
            yield record

    def relations() -> Iterator[RelationRecord]:
        yield from first
        yield from (record for record in records if isinstance(record, RelationRecord))

    write_entities(store, entities())
    write_relations(store, relations())
    store.compact()


def open_ecosystem(
    size: int, *, seed: int = 2024, directory: Path = BENCH_DIR, link_model: str = "community"
) -> EmbeddedStore:
    """An embedded store holding the seed plus ``size`` synthetic entities (built when missing).

    Each link model other than the default ``community`` has a directory of its own.
    """
    name = f"size-{size}" if link_model == "community" else f"size-{size}-{link_model}"
    store = EmbeddedStore.open(directory / name)
    store.ensure_schema()
    synthetic = sum(k.synthetic for k in graph_stats(store).kinds)
    if synthetic < size * 0.9:
        started = time.perf_counter()
        print(f"building the {size:,}-entity {link_model} ecosystem…", file=sys.stderr)
        store.clear()
        load_ecosystem(store, size, seed=seed, link_model=link_model)
        print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    fields = [str(r["field"]) for r in store.read("field_uids")]
    if None in read_rosters(store, fields).values():
        # Built by an earlier version that kept no field rosters.
        started = time.perf_counter()
        rebuild_all_rosters(store)
        print(f"  field rosters built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if any(decode(r["tally_actors"], r["tally_talent"]) is None for r in store.read("segment_uids")):
        # Built by an earlier version that kept no segment tallies.
        started = time.perf_counter()
        rebuild_all_tallies(store)
        print(f"  segment tallies built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if not most_connected(store, [k.value for k in LISTED_KINDS]):
        # Built by an earlier version that kept no lists of the most connected.
        started = time.perf_counter()
        rebuild_popular(store)
        print(f"  most-connected lists built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return store
