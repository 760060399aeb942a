"""Write a synthetic population as JSON Lines in the import format."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from graph_service.domain.records import EntityRecord, RelationRecord


def write_jsonl(records: Iterable[EntityRecord | RelationRecord], directory: Path) -> tuple[int, int]:
    """``entities.jsonl`` and ``relations.jsonl`` in ``directory``; returns both counts."""
    directory.mkdir(parents=True, exist_ok=True)
    entities = relations = 0
    with (
        (directory / "entities.jsonl").open("w", encoding="utf-8") as ent_file,
        (directory / "relations.jsonl").open("w", encoding="utf-8") as rel_file,
    ):
        for record in records:
            if isinstance(record, EntityRecord):
                ent_file.write(json.dumps({"kind": record.kind.value, **record.properties}, ensure_ascii=False) + "\n")
                entities += 1
            else:
                line = {
                    "type": record.type.value,
                    "source": record.source,
                    "target": record.target,
                    **record.properties,
                }
                rel_file.write(json.dumps(line, ensure_ascii=False) + "\n")
                relations += 1
    return entities, relations
