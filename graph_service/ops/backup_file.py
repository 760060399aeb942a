"""The backup file: gzip-compressed JSON Lines, written atomically, checked when read.

Line one is a header naming the format and its version; then one line per entity (every
stored property, bookkeeping included, so a restore is exact); then one line per
relationship; then (version 2) one line per workflow record, a node of one of
``WORKFLOW_LABELS`` with every stored property; the last line counts all three. A file cut
short has no last line and gzip's checksum catches flipped bytes, so a damaged backup is
refused before anything is written. Version 1 files (no records) are read as before.

    {"format": "ecosystem-graph-backup", "version": 2, "graph": "ecosystem", ...}
    {"entity": {"uid": "sci:1", "kind": "Scientist", "name": "…", "updated_at": "…", …}}
    {"relation": {"type": "MEMBER_OF", "source": "sci:1", "target": "soc:2", "props": {…}}}
    {"record": {"label": "TechNeed", "props": {"id": "need:01J…", "status": "open", …}}}
    {"end": {"entities": 1, "relations": 1, "records": 1}}
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from graph_service.errors import FieldProblem, InvalidInputError

FORMAT = "ecosystem-graph-backup"
VERSION = 2
# Version 1 had no workflow records; this program reads it as a backup without any.
READABLE = frozenset({1, 2})


@dataclass(frozen=True, slots=True)
class Relation:
    type: str
    source: str
    target: str
    props: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Record:
    """A workflow record: a bookkeeping node that is not an entity, by label, with every stored property."""

    label: str
    props: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Counts:
    entities: int
    relations: int
    records: int = 0


class BackupWriter:
    """Writes a backup to a temporary file beside ``path``; ``commit`` moves it into place."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self.entities = 0
        self.relations = 0
        self.records = 0

    def _line(self, obj: dict[str, Any]) -> None:
        self._handle.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")

    def header(self, **facts: Any) -> None:
        self._line({"format": FORMAT, "version": VERSION, **facts})

    def entity(self, props: dict[str, Any]) -> None:
        self._line({"entity": props})
        self.entities += 1

    def relation(self, rel: Relation) -> None:
        self._line({"relation": {"type": rel.type, "source": rel.source, "target": rel.target, "props": rel.props}})
        self.relations += 1

    def record(self, record: Record) -> None:
        self._line({"record": {"label": record.label, "props": record.props}})
        self.records += 1

    def end(self) -> Counts:
        self._line({"end": {"entities": self.entities, "relations": self.relations, "records": self.records}})
        return Counts(self.entities, self.relations, self.records)


@contextlib.contextmanager
def writing(path: Path) -> Iterator[BackupWriter]:
    """A writer whose file appears at ``path`` only complete and on disk, never half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            with gzip.open(raw, "wt", encoding="utf-8", compresslevel=6) as handle:
                yield BackupWriter(handle)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _refuse(path: Path, why: str, *problems: FieldProblem) -> InvalidInputError:
    return InvalidInputError(f"{path} is not a usable backup: {why} / 备份文件不可用：{why}", list(problems))


def _at(path: Path, line: int, field: str, message: str) -> FieldProblem:
    """A problem of the file's structure, located by line (the header is line 1) and field."""
    return FieldProblem(field, message, file=path.name, row=line)


def _count_problems(path: Path, line: int, end: Any, seen: Counts) -> list[FieldProblem]:
    """Where the end line's counts disagree with the lines read, one problem per count."""
    if not isinstance(end, dict):
        return [_at(path, line, "end", f"expected the counts as an object, got {end!r} / 结束行应为计数对象")]
    problems = []
    for name, read in (("entities", seen.entities), ("relations", seen.relations), ("records", seen.records)):
        # A version 1 end line has no record count: it held none.
        said = end.get(name, 0) if name == "records" else end.get(name)
        if said != read or isinstance(said, bool):
            problems.append(
                _at(
                    path,
                    line,
                    f"end.{name}",
                    f"says {said!r}, the file holds {read} / 结束行记为 {said!r}，实有 {read}",
                )
            )
    return problems


def read_header(path: Path) -> dict[str, Any]:
    """The header of the backup at ``path``, or an error saying why it is not one."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            first = handle.readline()
        header = json.loads(first)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(path, f"unreadable ({exc})") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _refuse(path, "not a graph-service backup")
    if header.get("version") not in READABLE:
        readable = " and ".join(str(v) for v in sorted(READABLE))
        raise _refuse(path, f"format version {header.get('version')}, this program reads {readable}")
    return header


def numbered_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | Relation | Record]]:
    """Each entity (a property dict), relationship or workflow record with its line number (the header is line 1).

    Checks the header first. Raises when the file ends without its closing counts or they
    disagree with the lines read: callers that act on records should read the file through
    once beforehand.
    """
    read_header(path)
    seen = Counts(0, 0)
    end: dict[str, Any] | None = None
    end_line = number = 1
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            handle.readline()
            for number, line in enumerate(handle, start=2):
                obj = json.loads(line)
                name = next(iter(obj), "") if isinstance(obj, dict) else ""
                if end is not None:
                    why = f"lines after the end marker (line {number})"
                    raise _refuse(path, why, _at(path, number, name, "a line after the end line / 结束行之后还有内容"))
                if "entity" in obj:
                    seen = Counts(seen.entities + 1, seen.relations, seen.records)
                    yield number, dict(obj["entity"])
                elif "record" in obj:
                    w = obj["record"]
                    seen = Counts(seen.entities, seen.relations, seen.records + 1)
                    yield number, Record(str(w["label"]), dict(w["props"]))
                elif "relation" in obj:
                    r = obj["relation"]
                    seen = Counts(seen.entities, seen.relations + 1, seen.records)
                    rel = Relation(str(r["type"]), str(r["source"]), str(r["target"]), dict(r.get("props") or {}))
                    yield number, rel
                elif "end" in obj:
                    end, end_line = obj["end"], number
                else:
                    why = f"unknown line {number} {line[:60]!r}"
                    unknown = "not an entity, relation, record or end / 无法识别的行"
                    raise _refuse(path, why, _at(path, number, name, unknown))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        # ValueError: JSON that does not decode, or an entity or props that are not objects.
        raise _refuse(path, f"damaged ({exc})", _at(path, number, "", f"damaged: {exc} / 该行已损坏")) from exc
    if end is None:
        missing = _at(path, number + 1, "end", "no end line: the file was cut short / 缺少结束行，文件不完整")
        raise _refuse(path, "truncated (no end marker)", missing)
    problems = _count_problems(path, end_line, end, seen)
    if problems:
        raise _refuse(
            path,
            f"counts {end} do not match the {seen.entities} entities, {seen.relations} relations and "
            f"{seen.records} records read",
            *problems,
        )


def records(path: Path) -> Iterator[dict[str, Any] | Relation | Record]:
    """Entities, relationships and workflow records in file order, checked as ``numbered_records`` checks them."""
    for _, record in numbered_records(path):
        yield record


def verify(path: Path) -> Counts:
    """Read the whole file; its counts when it is complete and intact."""
    entities = relations = workflow = 0
    for record in records(path):
        if isinstance(record, Relation):
            relations += 1
        elif isinstance(record, Record):
            workflow += 1
        else:
            entities += 1
    return Counts(entities, relations, workflow)
