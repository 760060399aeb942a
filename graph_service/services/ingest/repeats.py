"""Records an import set gives more than once: entities by uid, relationships by (source, type, target).

A repeat is refused by default, naming both rows: it is usually a mistake, and writing the
set would keep the later values without a word. Allowed (``--allow-duplicates``), the rows of
a repeated record are merged before anything is written, later rows winning field by field
(a blank cell keeps the earlier value, as on re-import), and the report lists each value a
later row replaced. Either way the report counts the records stored, not the rows read.

An entity's first row is known from the reference check. Relationships are not held in
memory: each costs one 8-byte key here, and repeats are found once the whole set has been
read, by sorting the keys, then named from the spool.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from graph_service.domain.records import EntityRecord, PropertyValue, RelationRecord
from graph_service.errors import FieldProblem
from graph_service.ontology import EntityKind
from graph_service.services.ingest.spool import RecordSpool

MAX_OVERWRITES = 1000
_ALLOW = "--allow-duplicates merges repeats"


@dataclass(frozen=True, slots=True)
class Overwrite:
    """A value of a repeated record that a later row replaced."""

    record: str
    field: str
    before: Any
    after: Any
    file: str
    row: int
    replaced_file: str
    replaced_row: int


def relation_key(relation: RelationRecord) -> int:
    """The relationship's identity as 64 bits.

    Python's hash, stable within the process: two different relationships share a key with
    odds of about n²/2⁶⁵ (3·10⁻⁸ for a million), and would then look repeated.
    """
    return hash((relation.type.value, relation.source, relation.target))


def _label(relation: RelationRecord) -> str:
    return f"{relation.source}->{relation.target}"


def _repeated(keys: array[int]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]] | None:
    """Per key: whether an earlier key equals it, and the index of the first that does (None: no repeats)."""
    values = np.frombuffer(keys, dtype=np.int64)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    same = np.concatenate(([False], ordered[1:] == ordered[:-1]))
    if not same.any():
        return None
    # Within a run of equal keys the stable sort keeps row order: the run's first is the first row.
    starts = np.where(same, 0, np.arange(len(values)))
    np.maximum.accumulate(starts, out=starts)
    first = np.empty(len(values), dtype=np.int64)
    first[order] = order[starts]
    repeat = np.zeros(len(values), dtype=bool)
    repeat[order[same]] = True
    return repeat, first


class Repeats:
    """Feed it each checked record in order, then call ``finish``; problems go to ``report``."""

    def __init__(self, files: list[str], report: Callable[[FieldProblem], None], *, allow: bool, limit: int) -> None:
        self._files = files
        self._report = report
        self.allow = allow
        self._limit = limit  # relationship repeats named; more are counted
        self._keys: array[int] = array("q")
        self.rows = 0  # rows that repeated an earlier record
        self.entities: set[str] = set()  # uids repeated, when allowed
        self.relations: set[int] = set()  # keys of relationships repeated, when allowed

    def entity(self, entity: EntityRecord, first: tuple[EntityKind, str, int], file: str, row: int) -> None:
        """A row giving a uid an earlier row gave (``first``: its kind, file and row)."""
        kind, first_file, first_row = first
        if kind is not entity.kind:
            return  # a kind conflict, which the reference check reports
        self.rows += 1
        if self.allow:
            self.entities.add(entity.uid)
            return
        self._report(
            FieldProblem(
                "uid",
                f"uid given again, first in {first_file} row {first_row} ({_ALLOW}) "
                f"/ 标识重复：首次出现在 {first_file} 第 {first_row} 行",
                entity.uid,
                file,
                row,
            )
        )

    def relation(self, relation: RelationRecord) -> None:
        """Every relationship that is spooled, in the same order."""
        self._keys.append(relation_key(relation))

    def finish(self, spool: RecordSpool) -> Counter[str]:
        """Find the repeated relationships; returns how many rows of each type repeated an earlier one."""
        repeated: Counter[str] = Counter()
        found = _repeated(self._keys)
        if found is None:
            return repeated
        repeat, first = found
        if self.allow:
            self.relations = set(np.frombuffer(self._keys, dtype=np.int64)[repeat].tolist())
        named = set(np.flatnonzero(repeat)[: self._limit].tolist()) if not self.allow else set()
        firsts = {i: int(first[i]) for i in named}
        wanted = set(firsts.values())
        where: dict[int, tuple[str, int]] = {}
        located = zip(spool.located_relations(), repeat.tolist(), strict=True)
        for i, ((relation, file, row), again) in enumerate(located):
            if i in wanted:
                where[i] = (self._files[file], row)
            if not again:
                continue
            repeated[relation.type.value] += 1
            self.rows += 1
            if self.allow:
                continue
            first_file, first_row = where.get(firsts.get(i, -1), ("", 0))
            earlier, zh = ("given earlier", "此前已出现")
            if first_file:
                earlier, zh = f"first in {first_file} row {first_row}", f"首次出现在 {first_file} 第 {first_row} 行"
            self._report(
                FieldProblem(
                    "target",
                    f"relationship {relation.type.value} given again (same source, type and target), {earlier} "
                    f"({_ALLOW}) / 关系重复：{zh}",
                    _label(relation),
                    self._files[file],
                    row,
                )
            )
        return repeated


@dataclass
class Merged:
    """Repeated records merged in row order, and the values later rows replaced."""

    entities: dict[str, EntityRecord] = field(default_factory=dict)
    relations: dict[int, RelationRecord] = field(default_factory=dict)
    overwrites: list[Overwrite] = field(default_factory=list)
    overwrite_count: int = 0


class _Folder:
    def __init__(self, files: list[str], merged: Merged) -> None:
        self._files = files
        self._merged = merged
        self._origins: dict[object, dict[str, tuple[int, int]]] = {}

    def fold(
        self,
        key: object,
        label: str,
        into: dict[str, PropertyValue],
        props: dict[str, PropertyValue],
        file: int,
        row: int,
    ) -> None:
        origins = self._origins.setdefault(key, {})
        for name, value in props.items():
            if name in into and into[name] != value:
                self._merged.overwrite_count += 1
                if len(self._merged.overwrites) < MAX_OVERWRITES:
                    before_file, before_row = origins[name]
                    self._merged.overwrites.append(
                        Overwrite(
                            label,
                            name,
                            into[name],
                            value,
                            self._files[file],
                            row,
                            self._files[before_file],
                            before_row,
                        )
                    )
            into[name] = value
            origins[name] = (file, row)


def merge(spool: RecordSpool, repeats: Repeats, files: list[str]) -> Merged:
    """Each repeated record with its rows merged, later rows winning field by field."""
    merged = Merged()
    folder = _Folder(files, merged)
    if repeats.entities:
        for entity, file, row in spool.located_entities():
            if entity.uid not in repeats.entities:
                continue
            record = merged.entities.setdefault(entity.uid, EntityRecord(entity.kind, entity.uid, {}))
            folder.fold(entity.uid, entity.uid, record.properties, entity.properties, file, row)
    if repeats.relations:
        for relation, file, row in spool.located_relations():
            key = relation_key(relation)
            if key not in repeats.relations:
                continue
            fresh = RelationRecord(relation.type, relation.source, relation.target, {})
            into = merged.relations.setdefault(key, fresh)
            folder.fold(key, _label(relation), into.properties, relation.properties, file, row)
    return merged


def entities_to_write(spool: RecordSpool, merged: Merged) -> Iterator[EntityRecord]:
    """The spooled entities, a repeated one once (merged) where it first came."""
    written: set[str] = set()
    for entity in spool.entities():
        if entity.uid not in merged.entities:
            yield entity
        elif entity.uid not in written:
            written.add(entity.uid)
            yield merged.entities[entity.uid]


def relations_to_write(spool: RecordSpool, merged: Merged) -> Iterator[RelationRecord]:
    """The spooled relationships, a repeated one once (merged) where it first came."""
    if not merged.relations:
        yield from spool.relations()
        return
    written: set[int] = set()
    for relation in spool.relations():
        key = relation_key(relation)
        if key not in merged.relations:
            yield relation
        elif key not in written:
            written.add(key)
            yield merged.relations[key]
