"""Import entity and relationship files all-or-nothing.

Every row of every file is parsed and checked first — against the ontology, against the
other files and against the graph (a uid's kind, dangling references, allowed kind pairs)
— and only when nothing is wrong is anything written. Writes are upserts by uid and by
(source, type, target), so importing the same files again changes nothing and an import
that was interrupted completes when run again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import FieldProblem, ImportRejectedError
from graph_service.ontology import (
    RELATION_SPECS,
    EntityKind,
    RelationType,
    allowed_pairs_text,
    parse_kind,
    parse_relation,
)
from graph_service.services.access import policy
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
from graph_service.services.ingest.writer import DEFAULT_BATCH, write_entities, write_relations
from graph_service.store import GraphStore

LOOKUP_CHUNK = 5000
MAX_PROBLEMS = 1000


@dataclass
class ImportReport:
    files: list[str]
    rows: int
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Parsed:
    entities: list[tuple[EntityRecord, str, int]] = field(default_factory=list)
    relations: list[tuple[RelationRecord, str, int]] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    rows: int = 0


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


def _row_is_relation(raw: dict[str, Any]) -> bool:
    keys = {normalise(str(k)) for k in raw}
    if keys & {normalise(h) for h in KIND_HEADERS}:
        return False
    return bool(keys & {normalise(h) for h in (*TARGET_HEADERS, *TYPE_HEADERS)})


def _read_table(table: Table, file: str, out: _Parsed) -> None:
    kind, rel = _named(table.name)
    # A table with headers is one kind of file; JSON Lines say per row what each record is.
    fixed: bool | None = None
    if table.headers:
        fixed = rel is not None or is_relation_header_row(table.headers)
    entity_map, relation_map = entity_headers(kind), relation_headers(rel)
    unknown_reported: set[str] = set()
    for number, raw in table.rows:
        out.rows += 1
        is_rel = fixed if fixed is not None else _row_is_relation(raw)
        mapping = relation_map if is_rel else entity_map
        values: dict[str, Any] = {}
        for header, value in raw.items():
            name = mapping.get(normalise(str(header)))
            if name is None:
                if header not in unknown_reported:
                    unknown_reported.add(header)
                    what = (rel.value if rel else "relationship") if is_rel else (kind.value if kind else "entity")
                    out.problems.append(
                        FieldProblem(str(header), f"unknown column for a {what} record / 未知列", file=file, row=number)
                    )
                continue
            values[name] = value
        if is_rel:
            record, problems = parse_relation_record(values, rel)
            uid = f"{values.get('source', '')}->{values.get('target', '')}"
            if record is not None:
                out.relations.append((record, file, number))
        else:
            entity, problems = parse_entity(values, kind)
            uid = str(values.get("uid", ""))
            if entity is not None:
                out.entities.append((entity, file, number))
        out.problems += [FieldProblem(p.field, p.message, uid, file, number) for p in problems]


def _stored_kinds(store: GraphStore, uids: Iterable[str]) -> dict[str, EntityKind]:
    pending = sorted(set(uids))
    found: dict[str, EntityKind] = {}
    for start in range(0, len(pending), LOOKUP_CHUNK):
        for row in store.read("entity_kinds", {"uids": pending[start : start + LOOKUP_CHUNK]}):
            kind = parse_kind(str(row["kind"]))
            if kind is not None:
                found[str(row["uid"])] = kind
    return found


def _check_references(store: GraphStore, parsed: _Parsed) -> None:
    kinds: dict[str, tuple[EntityKind, str, int]] = {}
    for entity, file, row in parsed.entities:
        seen = kinds.get(entity.uid)
        if seen and seen[0] is not entity.kind:
            parsed.problems.append(
                FieldProblem(
                    "kind",
                    f"uid also given as a {seen[0].value} in {seen[1]} row {seen[2]} / 同一标识类型冲突",
                    entity.uid,
                    file,
                    row,
                )
            )
        kinds.setdefault(entity.uid, (entity.kind, file, row))
    referenced = {uid for r, _, _ in parsed.relations for uid in (r.source, r.target)}
    stored = _stored_kinds(store, set(kinds) | referenced)
    for entity, file, row in parsed.entities:
        before = stored.get(entity.uid)
        if before is not None and before is not entity.kind:
            parsed.problems.append(
                FieldProblem(
                    "kind",
                    f"uid exists as a {before.value}, not a {entity.kind.value} / 标识已属于其他类型",
                    entity.uid,
                    file,
                    row,
                )
            )
    for relation, file, row in parsed.relations:
        ends: dict[str, EntityKind] = {}
        for end, uid in (("source", relation.source), ("target", relation.target)):
            kind = kinds[uid][0] if uid in kinds else stored.get(uid)
            if kind is None:
                parsed.problems.append(
                    FieldProblem(
                        end,
                        f"'{uid}' is neither in the import nor in the graph / 引用的实体不存在",
                        f"{relation.source}->{relation.target}",
                        file,
                        row,
                    )
                )
            else:
                ends[end] = kind
        if len(ends) == 2 and not RELATION_SPECS[relation.type].allows(ends["source"], ends["target"]):
            parsed.problems.append(
                FieldProblem(
                    "type",
                    f"{relation.type.value} cannot connect {ends['source'].value} to {ends['target'].value}; it allows "
                    f"{allowed_pairs_text(relation.type)} / 本体不允许该关系",
                    f"{relation.source}->{relation.target}",
                    file,
                    row,
                )
            )


def validate_files(store: GraphStore, paths: list[Path]) -> _Parsed:
    """Everything the files hold, parsed and checked; ``problems`` lists what is wrong."""
    parsed = _Parsed()
    for path in paths:
        if not path.is_file():
            parsed.problems.append(FieldProblem("", "no such file / 文件不存在", file=path.name))
            continue
        try:
            for table in read_tables(path):
                _read_table(table, path.name, parsed)
        except ReadError as exc:
            parsed.problems.append(exc.problem)
    if not parsed.problems:
        _check_references(store, parsed)
    return parsed


def import_files(
    store: GraphStore,
    paths: list[Path],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate every file, then write entities and relationships; nothing is written if anything is wrong."""
    policy.require_write()
    started = time.perf_counter()
    parsed = validate_files(store, paths)
    if parsed.problems:
        count = len(parsed.problems)
        raise ImportRejectedError(
            f"import rejected: {count} problem(s) in {', '.join(p.name for p in paths)}; nothing was written "
            f"/ 导入被拒绝：发现 {count} 个问题，未写入任何数据",
            parsed.problems[:MAX_PROBLEMS],
        )
    write_entities(store, (e for e, _, _ in parsed.entities), batch_size=batch_size, progress=progress)
    write_relations(store, (r for r, _, _ in parsed.relations), batch_size=batch_size, progress=progress)
    store.compact()
    return ImportReport(
        files=[p.name for p in paths],
        rows=parsed.rows,
        entities=dict(Counter(e.kind.value for e, _, _ in parsed.entities)),
        relations=dict(Counter(r.type.value for r, _, _ in parsed.relations)),
        seconds=round(time.perf_counter() - started, 3),
    )
