"""The demo ecosystem: the seed records from the source documents plus a synthetic population."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Re-exported: the seed's readers (the need lexicon, evaluation) ask for its directory here.
from graph_service.config import seed_dir as seed_dir
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import FieldProblem, ImportRejectedError
from graph_service.services.ingest.parse import Parsed, parse_raw
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore
from graph_service.synthetic import Reference, generate

SEED_FILES = ("fields.jsonl", "ecosystem.jsonl", "chains.jsonl")
DEMO_SIZE = 3000
DEMO_SEED = 2024


def read_seed(directory: Path | None = None) -> list[Parsed]:
    """Every seed record, validated; any invalid line rejects the whole seed."""
    directory = directory or seed_dir()
    records: list[Parsed] = []
    problems: list[FieldProblem] = []
    for name in SEED_FILES:
        path = directory / name
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                raw = json.loads(line)
                record, found = parse_raw(raw)
                uid = str(raw.get("uid") or f"{raw.get('source')}->{raw.get('target')}")
                problems += [FieldProblem(p.field, p.message, uid, name, line_no) for p in found]
                if record is not None:
                    records.append(record)
    if problems:
        raise ImportRejectedError(f"seed data has {len(problems)} problems / 种子数据有误", problems)
    return records


@dataclass(frozen=True, slots=True)
class LoadReport:
    seed_entities: int
    seed_relations: int
    synthetic_entities: int
    synthetic_relations: int


def _split(records: Iterator[Parsed] | list[Parsed]) -> tuple[list[EntityRecord], list[RelationRecord]]:
    entities = [r for r in records if isinstance(r, EntityRecord)]
    relations = [r for r in records if isinstance(r, RelationRecord)]
    return entities, relations


def load_demo(
    store: GraphStore,
    *,
    synthetic_size: int = DEMO_SIZE,
    synthetic_seed: int = DEMO_SEED,
    directory: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Write the seed records, then a synthetic population hung on them; idempotent."""
    seed = read_seed(directory)
    entities, relations = _split(seed)
    write_entities(store, entities, progress=progress)
    write_relations(store, relations, progress=progress)
    syn_entities = syn_relations = 0
    if synthetic_size > 0:
        reference = Reference.from_records(seed)
        population = generate(synthetic_size, synthetic_seed, reference)
        # The generator yields every entity before any relationship, so one pass suffices.
        pending_relations: list[RelationRecord] = []

        def entities_first() -> Iterator[EntityRecord]:
            for record in population:
                if isinstance(record, EntityRecord):
                    yield record
                else:
                    pending_relations.append(record)
                    break

        syn_entities = write_entities(store, entities_first(), progress=progress)

        def relations_rest() -> Iterator[RelationRecord]:
            yield from pending_relations
            for record in population:
                if isinstance(record, RelationRecord):
                    yield record

        syn_relations = write_relations(store, relations_rest(), progress=progress)
    store.compact()
    return LoadReport(len(entities), len(relations), syn_entities, syn_relations)
