"""A backup checked as a whole, before a restore writes anything.

Intact lines and matching end counts do not make a backup restorable as it was taken: a
relationship whose end is not in the file would be dropped by the restore's ``MATCH``, a
uid given twice merged into one entity, a relationship given twice into one, and a value
the ontology does not allow stored as no import or edit could store it. Restore used to
find the first of these only after emptying the graph, by counting what it had written.
Here every record is checked against the others and against the ontology: kinds,
relationship types and the kinds each may connect, each property's name and type
(bookkeeping ones included), uids unique, each (source, type, target) once; a workflow
record's label is one of ``WORKFLOW_LABELS``, its id is given once and its values storable.

Memory holds each uid with its kind and each relationship's key: less than the backup
held when it was taken (it reads the whole graph into one reply).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from graph_service.domain.entities import BOOKKEEPING
from graph_service.errors import FieldProblem, InvalidInputError
from graph_service.ontology import (
    RELATION_SPECS,
    EntityKind,
    PropertySpec,
    PropertyType,
    RelationType,
    allowed_pairs_text,
    kind_properties,
)
from graph_service.ontology.bookkeeping import WORKFLOW_LABELS
from graph_service.ontology.validation import coerce_value, validate_uid
from graph_service.ops.backup_file import Counts, Record, Relation, numbered_records

MAX_PROBLEMS = 1000

_KINDS = {k.value: k for k in EntityKind}
_TYPES = {t.value: t for t in RelationType}


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_number_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_number(v) for v in value)


def _is_storable(value: Any) -> bool:
    return isinstance(value, str | int | float) or _is_text_list(value) or _is_number_list(value)


class _Expect(NamedTuple):
    """A check of a stored value's type and what it expects, in both languages."""

    check: Callable[[Any], bool]
    en: str
    zh: str


_TEXT = _Expect(_is_text, "text", "文本")
_TEXT_LIST = _Expect(_is_text_list, "a list of text", "文本列表")
_TYPE_CHECKS: dict[PropertyType, _Expect] = {
    PropertyType.STRING: _TEXT,
    PropertyType.INTEGER: _Expect(lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number", "整数"),
    # This program writes a float 2.0 as 2.0; other tools may write the JSON number 2.
    PropertyType.FLOAT: _Expect(_is_number, "a number", "数字"),
    PropertyType.BOOLEAN: _Expect(lambda v: isinstance(v, bool), "true or false", "布尔值"),
    PropertyType.STRING_LIST: _TEXT_LIST,
}

# What the writers store beside an entity's properties (domain/entities.py BOOKKEEPING);
# ``kind`` is checked as the record's kind. A name added there and not here may hold any
# storable value.
_BOOKKEEPING_CHECKS: dict[str, _Expect] = {
    "fingerprint": _TEXT,
    "created_at": _TEXT,
    "updated_at": _TEXT,
    "search_text": _TEXT,
    "roster_uids": _TEXT_LIST,
    "roster_kinds": _TEXT_LIST,
    "roster_regions": _TEXT_LIST,
    "roster_weights": _Expect(_is_number_list, "a list of numbers", "数字列表"),
}
_STORABLE = _Expect(_is_storable, "text, a number, true/false or a list of text or numbers", "可存储的值")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _type_problem(expect: _Expect, value: Any) -> str | None:
    if expect.check(value):
        return None
    return f"expected {expect.en}, got {_json_type(value)} / 应为{expect.zh}"


def _value_problem(spec: PropertySpec, value: Any) -> str | None:
    """Why ``value`` cannot be ``spec``'s stored value, or None."""
    wrong = _type_problem(_TYPE_CHECKS[spec.type], value)
    if wrong:
        return wrong
    try:
        # The same bounds, choices and text rules as every import and edit.
        coerce_value(spec, value)
    except ValueError as exc:
        reason = str(exc)
        return reason if " / " in reason else f"{reason} / 取值不符合本体规定"
    return None


@dataclass
class _Tie:
    line: int
    type: RelationType
    source: str
    target: str


@dataclass
class BackupCheck:
    """Fed every record in file order; ``problems`` holds the first ``MAX_PROBLEMS`` of ``problem_count``."""

    file: str
    problems: list[FieldProblem] = field(default_factory=list)
    problem_count: int = 0
    entities: int = 0
    relations: int = 0
    records: int = 0
    # uid -> (kind, line); the kind is None where the record's kind is unknown.
    _uids: dict[str, tuple[EntityKind | None, int]] = field(default_factory=dict)
    _ties: dict[tuple[RelationType, str, str], int] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict)  # workflow record id -> line
    # Relationships read before one of their ends (not in a backup this program wrote).
    _waiting: list[_Tie] = field(default_factory=list)

    def _report(self, line: int, record: str, name: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(FieldProblem(name, message, record, self.file, line))

    def entity(self, line: int, record: dict[str, Any]) -> None:
        self.entities += 1
        uid = record.get("uid")
        label = uid if isinstance(uid, str) else ""
        kind_text = record.get("kind")
        kind = _KINDS.get(kind_text) if isinstance(kind_text, str) else None
        if kind is None:
            known = ", ".join(_KINDS)
            self._report(line, label, "kind", f"unknown kind {kind_text!r} (known: {known}) / 未知实体类型")
        for problem in validate_uid(uid):
            self._report(line, label, problem.field, problem.message)
        if isinstance(uid, str):
            first = self._uids.get(uid)
            if first is not None:
                self._report(line, uid, "uid", f"uid already given on line {first[1]} / 标识重复，第 {first[1]} 行已有")
            else:
                self._uids[uid] = (kind, line)
        if kind is not None:
            self._properties(line, label, kind, record)

    def _properties(self, line: int, label: str, kind: EntityKind, record: dict[str, Any]) -> None:
        specs = {spec.name: spec for spec in kind_properties(kind)}
        for name, value in record.items():
            if name in ("uid", "kind") or value is None:
                continue
            if name in specs:
                reason = _value_problem(specs[name], value)
            elif name in BOOKKEEPING:
                reason = _type_problem(_BOOKKEEPING_CHECKS.get(name, _STORABLE), value)
            else:
                reason = f"unknown property for {kind.value} / {kind.value} 没有这个属性"
            if reason:
                self._report(line, label, name, reason)
        for spec in specs.values():
            if spec.required and spec.name != "uid" and record.get(spec.name) is None:  # uid: checked above
                self._report(line, label, spec.name, f"required property is missing / 缺少必填属性「{spec.zh}」")

    def record(self, line: int, record: Record) -> None:
        """A workflow record: a known label, an id given once, values an engine can store."""
        self.records += 1
        record_id = record.props.get("id")
        label = record_id if isinstance(record_id, str) else ""
        if record.label not in WORKFLOW_LABELS:
            known = ", ".join(WORKFLOW_LABELS)
            self._report(line, label, "label", f"unknown record label {record.label!r} (known: {known}) / 未知记录类型")
        if not isinstance(record_id, str) or not record_id:
            self._report(line, label, "id", "a workflow record needs its id / 记录缺少标识")
        elif record_id in self._ids:
            first = self._ids[record_id]
            self._report(line, record_id, "id", f"id already given on line {first} / 标识重复，第 {first} 行已有")
        else:
            self._ids[record_id] = line
        for name, value in record.props.items():
            reason = _type_problem(_STORABLE, value)
            if reason:
                self._report(line, label, name, reason)

    def relation(self, line: int, rel: Relation) -> None:
        self.relations += 1
        label = f"{rel.source} -[{rel.type}]-> {rel.target}"
        rtype = _TYPES.get(rel.type)
        if rtype is None:
            known = ", ".join(_TYPES)
            self._report(line, label, "type", f"unknown relationship type {rel.type!r} (known: {known}) / 未知关系类型")
            return
        first = self._ties.setdefault((rtype, rel.source, rel.target), line)
        if first != line:
            self._report(
                line, label, "type", f"relationship already given on line {first} / 关系重复，第 {first} 行已有"
            )
        specs = {spec.name: spec for spec in RELATION_SPECS[rtype].properties}
        for name, value in rel.props.items():
            if value is None:
                continue
            reason = (
                _value_problem(specs[name], value)
                if name in specs
                else f"unknown property for {rtype.value} / {rtype.value} 关系没有这个属性"
            )
            if reason:
                self._report(line, label, f"props.{name}", reason)
        tie = _Tie(line, rtype, rel.source, rel.target)
        if rel.source in self._uids and rel.target in self._uids:
            self._ends(tie)
        else:
            self._waiting.append(tie)

    def _ends(self, tie: _Tie) -> None:
        label = f"{tie.source} -[{tie.type.value}]-> {tie.target}"
        kinds: list[EntityKind | None] = []
        for name, uid in (("source", tie.source), ("target", tie.target)):
            found = self._uids.get(uid)
            if found is None:
                self._report(
                    tie.line, label, name, f"no entity with uid '{uid}' in the backup / 备份中没有标识为「{uid}」的实体"
                )
            kinds.append(found[0] if found else None)
        source, target = kinds
        if source is not None and target is not None and not RELATION_SPECS[tie.type].allows(source, target):
            self._report(
                tie.line,
                label,
                "type",
                f"{tie.type.value} cannot connect {source.value} to {target.value}; it allows "
                f"{allowed_pairs_text(tie.type)} / 本体不允许该关系连接这两类实体",
            )

    def finish(self) -> None:
        for tie in self._waiting:
            self._ends(tie)
        self._waiting = []


def check_backup(path: Path) -> Counts:
    """Read the backup at ``path`` through; its counts, or InvalidInputError naming every problem's line and field."""
    check = BackupCheck(path.name)
    for line, record in numbered_records(path):
        if isinstance(record, Relation):
            check.relation(line, record)
        elif isinstance(record, Record):
            check.record(line, record)
        else:
            check.entity(line, record)
    check.finish()
    if check.problem_count:
        raise InvalidInputError(
            f"{path} cannot be restored as it is: {check.problem_count} problems (rows are lines of the file); "
            f"the graph was not changed / 备份文件有 {check.problem_count} 处问题（行号即文件行号），图谱未作任何改动",
            check.problems,
        )
    return Counts(check.entities, check.relations, check.records)
