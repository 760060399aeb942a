"""Checked records parked on disk between an import's check and its write.

An import writes nothing until every row of every file has been checked, so the checked
records must wait somewhere; on disk, a million-entity import holds one chunk of them in
memory at a time instead of all of them. ``marshal`` is the fastest serialisation of plain
values the standard library has, and the spool is read back only by the process that
wrote it.
"""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType

CHUNK = 2000


class _Spool:
    """Tuples appended to a temporary file in chunks and read back in order."""

    def __init__(self, directory: Path | None) -> None:
        # Unnamed where the system allows, so nothing is left behind even by a crash; the
        # spool lives across both passes of an import and is closed by RecordSpool.close.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="graph-import-", dir=directory)  # noqa: SIM115
        self._pending: list[tuple[Any, ...]] = []
        self.count = 0

    def append(self, item: tuple[Any, ...]) -> None:
        self._pending.append(item)
        self.count += 1
        if len(self._pending) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._file.seek(0, 2)  # after a read, the end is elsewhere
            marshal.dump(self._pending, self._file)
            self._pending = []

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        self._flush()
        self._file.seek(0)
        while True:
            try:
                chunk = marshal.load(self._file)
            except EOFError:
                return
            yield from chunk

    def close(self) -> None:
        self._file.close()


class RecordSpool:
    """Entities and relationships spooled apart, so all entities can be written first.

    Each record keeps where it came from (the file's index in the import and its row), for
    the report of values that repeated records overwrote.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self._entities = _Spool(directory)
        self._relations = _Spool(directory)

    def add_entity(self, record: EntityRecord, file: int = 0, row: int = 0) -> None:
        self._entities.append((record.kind.value, record.uid, record.properties, file, row))

    def add_relation(self, record: RelationRecord, file: int = 0, row: int = 0) -> None:
        self._relations.append((record.type.value, record.source, record.target, record.properties, file, row))

    def located_entities(self) -> Iterator[tuple[EntityRecord, int, int]]:
        """(record, file index, row) in the order they were added."""
        for kind, uid, properties, file, row in self._entities:
            yield EntityRecord(EntityKind(kind), uid, properties), file, row

    def located_relations(self) -> Iterator[tuple[RelationRecord, int, int]]:
        for rel, source, target, properties, file, row in self._relations:
            yield RelationRecord(RelationType(rel), source, target, properties), file, row

    def entities(self) -> Iterator[EntityRecord]:
        for record, _, _ in self.located_entities():
            yield record

    def relations(self) -> Iterator[RelationRecord]:
        for record, _, _ in self.located_relations():
            yield record

    def close(self) -> None:
        self._entities.close()
        self._relations.close()

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
