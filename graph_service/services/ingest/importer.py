"""Import entity and relationship files all-or-nothing, streamed.

Two passes. The first reads every row of every file and checks it against the ontology,
against the other files and against the graph (a uid's kind, dangling references,
allowed kind pairs), parking each checked record in a spool on disk; only when nothing
is wrong does the second pass read the spool back and write. Memory holds what the
checks need (one entry per entity uid) and a batch or two, never the files' rows, so a
million-entity import runs in bounded memory. Writes are upserts by uid and by (source,
type, target), so importing the same files again changes nothing and an import that was
interrupted completes when run again. A record the set gives twice is refused, or merged
when allowed (see ``repeats.py``); the report counts the records stored.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_service.errors import FieldProblem, ImportRejectedError
from graph_service.ontology import EntityKind, RelationType, parse_kind, parse_relation
from graph_service.services.access import policy
from graph_service.services.ingest.encodings import check_encoding
from graph_service.services.ingest.headers import (
    KIND_HEADERS,
    TARGET_HEADERS,
    TYPE_HEADERS,
    entity_headers,
    is_relation_header_row,
    normalise,
    relation_headers,
)
from graph_service.services.ingest.parse import parse_entity, parse_relation_record
from graph_service.services.ingest.readers import ReadError, Table, read_tables
from graph_service.services.ingest.references import ReferenceCheck
from graph_service.services.ingest.repeats import (
    Overwrite,
    Repeats,
    entities_to_write,
    merge,
    relations_to_write,
)
from graph_service.services.ingest.spool import RecordSpool
from graph_service.services.ingest.writer import DEFAULT_BATCH, write_entities, write_relations
from graph_service.store import GraphStore

MAX_PROBLEMS = 1000
MAX_COLUMN_SETS = 1000


@dataclass
class ImportReport:
    """Rows read; entities and relationships stored (a repeated record once); values repeats overwrote."""

    files: list[str]
    rows: int
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    repeated_rows: int = 0
    overwritten: list[Overwrite] = field(default_factory=list)
    overwritten_total: int = 0


@dataclass
class ImportCheck:
    """What the checking pass found: counts of records, and the first ``MAX_PROBLEMS`` problems of ``problem_count``."""

    rows: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    problems: list[FieldProblem] = field(default_factory=list)
    problem_count: int = 0
    # Uids that may already exist when the write starts (see ReferenceCheck.known).
    known: set[str] = field(default_factory=set)
    repeats: Repeats = field(init=False)

    def report(self, problem: FieldProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


def _named(name: str) -> tuple[EntityKind | None, RelationType | None]:
    """The kind or relationship type a file or sheet name gives (``Scientist``, ``scientists``, ``MEMBER_OF``)."""
    candidates = [name, name.removesuffix("s"), name.removesuffix("es")]
    for candidate in candidates:
        rel = parse_relation(candidate)
        if rel is not None:
            return None, rel
    for candidate in candidates:
        kind = parse_kind(candidate)
        if kind is not None:
            return kind, None
    return None, None


_KIND_KEYS = frozenset(normalise(h) for h in KIND_HEADERS)
_RELATION_KEYS = frozenset(normalise(h) for h in (*TARGET_HEADERS, *TYPE_HEADERS))


def _row_is_relation(raw: dict[str, Any]) -> bool:
    keys = {normalise(str(k)) for k in raw}
    if keys & _KIND_KEYS:
        return False
    return bool(keys & _RELATION_KEYS)


class _Columns:
    """Maps a table's column names to property names, once per distinct set of columns."""

    def __init__(self, table: Table, file: str, check: ImportCheck) -> None:
        self.kind, self.rel = _named(table.name)
        if self.kind is None and self.rel is None and table.sheet:
            # A template renamed and stripped of its notes still says in its sheet what it holds.
            self.kind, self.rel = _named(table.sheet)
        self.file = file
        self.check = check
        # A table with headers is one kind of file; JSON Lines say per row what each record is.
        self.fixed: bool | None = None
        if table.headers:
            self.fixed = self.rel is not None or is_relation_header_row(table.headers)
        self.entity_map, self.relation_map = entity_headers(self.kind), relation_headers(self.rel)
        self.unknown_reported: set[str] = set()
        self._plans: dict[tuple[Any, ...], tuple[bool, list[tuple[Any, str]]]] = {}

    def plan(self, raw: dict[str, Any], number: int) -> tuple[bool, list[tuple[Any, str]]]:
        """Whether the row is a relationship, and (column, property) for each known column."""
        columns = tuple(raw)
        known = self._plans.get(columns)
        if known is not None:
            return known
        is_rel = self.fixed if self.fixed is not None else _row_is_relation(raw)
        mapping = self.relation_map if is_rel else self.entity_map
        pairs: list[tuple[Any, str]] = []
        for header in columns:
            name = mapping.get(normalise(str(header)))
            if name is not None:
                pairs.append((header, name))
            elif header not in self.unknown_reported:
                self.unknown_reported.add(header)
                rel, kind = self.rel, self.kind
                what = (rel.value if rel else "relationship") if is_rel else (kind.value if kind else "entity")
                self.check.report(
                    FieldProblem(
                        str(header), f"unknown column for a {what} record / 未知列", file=self.file, row=number
                    )
                )
        # Rows repeating a column set whose unknown column was reported need no new report.
        # A file whose rows keep inventing columns is not cached past a bound.
        if len(self._plans) < MAX_COLUMN_SETS:
            self._plans[columns] = (is_rel, pairs)
        return is_rel, pairs


def _read_table(
    table: Table, file: int, name: str, check: ImportCheck, refs: ReferenceCheck, spool: RecordSpool
) -> None:
    columns = _Columns(table, name, check)
    for number, raw in table.rows:
        check.rows += 1
        is_rel, pairs = columns.plan(raw, number)
        values = {prop: raw[header] for header, prop in pairs}
        if is_rel:
            relation, problems = parse_relation_record(values, columns.rel)
            uid = f"{values.get('source', '')}->{values.get('target', '')}"
            if relation is not None:
                check.relations[relation.type.value] += 1
                refs.relation(relation, name, number)
                # Spooled even once a problem is found: repeats are named from the spool.
                check.repeats.relation(relation)
                spool.add_relation(relation, file, number)
        else:
            entity, problems = parse_entity(values, columns.kind)
            uid = str(values.get("uid", ""))
            if entity is not None:
                first = refs.entity(entity, name, number)
                if first is None:
                    check.entities[entity.kind.value] += 1
                else:
                    check.repeats.entity(entity, first, name, number)
                if not check.problem_count:
                    spool.add_entity(entity, file, number)
        for p in problems:
            check.report(FieldProblem(p.field, p.message, uid, name, number))


def check_files(
    store: GraphStore,
    paths: list[Path],
    spool: RecordSpool,
    *,
    encoding: str | None = None,
    allow_duplicates: bool = False,
) -> ImportCheck:
    """Read and check every row, spooling the checked records while nothing is wrong."""
    names = [p.name for p in paths]
    check = ImportCheck()
    check.repeats = Repeats(names, check.report, allow=allow_duplicates, limit=MAX_PROBLEMS)
    refs = ReferenceCheck(store, check.report)
    for index, path in enumerate(paths):
        if not path.is_file():
            check.report(FieldProblem("", "no such file / 文件不存在", file=path.name))
            continue
        try:
            for table in read_tables(path, encoding):
                _read_table(table, index, path.name, check, refs, spool)
        except ReadError as exc:
            check.report(exc.problem)
    # A row that failed its own checks would make references to it look dangling.
    if not check.problem_count:
        refs.finish()
    check.relations -= check.repeats.finish(spool)
    check.known = refs.known
    return check


def import_files(
    store: GraphStore,
    paths: list[Path],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    spool_dir: Path | None = None,
    encoding: str | None = None,
    allow_duplicates: bool = False,
) -> ImportReport:
    """Check every file, then write entities and relationships; nothing is written if anything is wrong.

    ``encoding`` is that of the text files (None: UTF-8, or GB18030 where the text reads as
    Chinese); ``allow_duplicates`` merges records given more than once instead of refusing them.
    """
    policy.require_write()
    if encoding is not None:
        encoding = check_encoding(encoding)
    started = time.perf_counter()
    with RecordSpool(spool_dir) as spool:
        check = check_files(store, paths, spool, encoding=encoding, allow_duplicates=allow_duplicates)
        if check.problem_count:
            count = check.problem_count
            raise ImportRejectedError(
                f"import rejected: {count} problem(s) in {', '.join(p.name for p in paths)}; nothing was written "
                f"/ 导入被拒绝：发现 {count} 个问题，未写入任何数据",
                check.problems,
            )
        merged = merge(spool, check.repeats, [p.name for p in paths])
        entities = entities_to_write(spool, merged)
        write_entities(store, entities, batch_size=batch_size, progress=progress, known=check.known)
        write_relations(store, relations_to_write(spool, merged), batch_size=batch_size, progress=progress)
    store.compact()
    return ImportReport(
        files=[p.name for p in paths],
        rows=check.rows,
        entities=dict(check.entities),
        relations=dict(check.relations),
        seconds=round(time.perf_counter() - started, 3),
        repeated_rows=check.repeats.rows,
        overwritten=merged.overwrites,
        overwritten_total=merged.overwrite_count,
    )
