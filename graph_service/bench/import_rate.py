"""Import throughput: generate a synthetic ecosystem as JSON Lines, import it into an empty engine.

Beside it, the engine's raw UNWIND write rate on the same rows in the same run (another
graph of the same engine): plain CREATE in batches, no parsing, validation or upsert. The
import's share of that rate says what the product's safety costs.
"""

from __future__ import annotations

import contextlib
import json
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.importer import import_files
from graph_service.services.seed import SEED_FILES, read_seed
from graph_service.store import GraphStore
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import rss_bytes
from graph_service.store.protocol import ScratchGraphUnsupportedError
from graph_service.synthetic import Reference, generate
from graph_service.synthetic.writer import write_jsonl

BATCH = 2000  # the importer's batch size


@dataclass(frozen=True, slots=True)
class ImportRate:
    """One import's throughput beside the engine's raw write rate, and the memory both held."""

    raw_rows_per_s: int
    import_share_of_raw: float
    entities: int
    relations: int
    generate_s: float
    import_s: float
    rows_per_s: int
    engine_rss_mb: float
    engine_used_mb: float | None  # what the engine says it holds (FalkorDB: INFO used_memory; Neo4j: heap in use)
    importer_rss_mb: float
    rows: int


def _batches(path: Path, key: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Rows of a JSON Lines file in batches of one kind (or type) each."""
    pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            name = str(row.pop(key))
            pending[name].append(row)
            if len(pending[name]) >= BATCH:
                yield name, pending.pop(name)
    for name, group in pending.items():
        if group:
            yield name, group


def _raw_write(store: GraphStore, population: Path) -> float:
    """Seconds to CREATE the population's rows as they are, in UNWIND batches, into an empty graph."""
    started = time.perf_counter()
    for kind, rows in _batches(population / "entities.jsonl", "kind"):
        store.write("bench_raw_entities", {"rows": rows}, slots={"kind": EntityKind(kind)})
    for rel, rows in _batches(population / "relations.jsonl", "type"):
        batch = [{"source": r.pop("source"), "target": r.pop("target"), "props": r} for r in rows]
        store.write("relation_create", {"rows": batch}, slots={"rel": RelationType(rel)})
    return time.perf_counter() - started


def _raw_write_beside(store: GraphStore, population: Path) -> float:
    """The raw write's seconds in a graph beside ``store``'s, or in its own graph emptied before and after."""
    try:
        with store.scratch_graph("raw-write-rate") as scratch:
            return _raw_write(scratch, population)
    except ScratchGraphUnsupportedError:
        # Neo4j Community holds one graph: the import's own is given up for it.
        store.clear()
        try:
            return _raw_write(store, population)
        finally:
            store.clear()


def measure(
    entities: int, seed: int = 1, *, store: GraphStore | None = None, engine_pid: int | None = None
) -> ImportRate:
    """Rows per second of the whole import (validation included), the engine's RSS after and this process's peak.

    By default into a new embedded engine; given a ``store`` (empty, its schema made), into
    that one, whose graph is left empty afterwards, its engine's RSS read from ``engine_pid``.
    """
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        directory = Path(tmp)
        seed_records = read_seed()
        reference = Reference.from_records(seed_records)
        started = time.perf_counter()
        n_entities, n_relations = write_jsonl(generate(entities, seed, reference), directory / "population")
        generated = time.perf_counter() - started
        owned = store is None
        with contextlib.ExitStack() as stack:
            if store is None:
                store = stack.enter_context(EmbeddedStore.open(directory / "data"))
                store.ensure_schema()
            seed_dir = Path(__file__).resolve().parents[2] / "seed_data"
            # The seed's graph records only: the field lexicon beside them is no record.
            import_files(store, [seed_dir / name for name in SEED_FILES])
            started = time.perf_counter()
            report = import_files(
                store, [directory / "population" / "entities.jsonl", directory / "population" / "relations.jsonl"]
            )
            seconds = time.perf_counter() - started
            info = store.engine_info()
            rss = (rss_bytes(engine_pid) if engine_pid else info.get("rss_bytes")) or 0
            used = info.get("used_memory_bytes")
            # The most this process has held so far: generation, the seed and the import.
            peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            raw_seconds = _raw_write_beside(store, directory / "population")
            if not owned:
                store.clear()
    rows = n_entities + n_relations
    return ImportRate(
        raw_rows_per_s=round(rows / raw_seconds),
        import_share_of_raw=round(raw_seconds / seconds, 2),
        entities=n_entities,
        relations=n_relations,
        generate_s=round(generated, 1),
        import_s=round(seconds, 1),
        rows_per_s=round(rows / seconds),
        engine_rss_mb=round(rss / 2**20, 1),
        engine_used_mb=round(used / 2**20, 1) if isinstance(used, int) else None,
        importer_rss_mb=round(peak_kib / 1024, 1),
        rows=report.rows,
    )
