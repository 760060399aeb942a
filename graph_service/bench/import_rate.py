"""Import throughput: generate a synthetic ecosystem as JSON Lines, import it into an empty engine."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from graph_service.services.ingest.importer import import_files
from graph_service.services.seed import read_seed
from graph_service.store.embedded import EmbeddedStore
from graph_service.synthetic import Reference, generate
from graph_service.synthetic.writer import write_jsonl


def measure(entities: int, seed: int = 1) -> dict[str, Any]:
    """Rows per second of the whole import (validation included) and the engine's RSS after."""
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        directory = Path(tmp)
        seed_records = read_seed()
        reference = Reference.from_records(seed_records)
        started = time.perf_counter()
        n_entities, n_relations = write_jsonl(generate(entities, seed, reference), directory / "population")
        generated = time.perf_counter() - started
        store = EmbeddedStore.open(directory / "data")
        try:
            store.ensure_schema()
            seed_dir = Path(__file__).resolve().parents[2] / "seed_data"
            import_files(store, sorted(seed_dir.glob("*.jsonl")))
            started = time.perf_counter()
            report = import_files(
                store, [directory / "population" / "entities.jsonl", directory / "population" / "relations.jsonl"]
            )
            seconds = time.perf_counter() - started
            rss = store.engine_info().get("rss_bytes") or 0
        finally:
            store.close()
    rows = n_entities + n_relations
    return {
        "entities": n_entities,
        "relations": n_relations,
        "generate_s": round(generated, 1),
        "import_s": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        "engine_rss_mb": round(rss / 2**20, 1),
        "rows": report.rows,
    }
