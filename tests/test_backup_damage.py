"""Backups damaged past what gzip notices: each refused, naming the line and field, the graph untouched.

Every file here is valid gzip with a valid header; what is wrong is its content: end counts
that disagree with the lines, no end line, lines after it, a relationship whose end is not in
the file. Restore is forced, so nothing but the damage stands between the file and the graph.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph_service.errors import InvalidInputError
from graph_service.ontology import EntityKind, RelationType
from graph_service.ops.backup import backup
from graph_service.ops.backup_file import Counts, records, verify
from graph_service.ops.restore import restore
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem

Lines = list[dict[str, Any]]


def _lines(path: Path) -> Lines:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _write(path: Path, lines: Lines) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return path


def _uid_line(lines: Lines, uid: str) -> int:
    return next(i for i, line in enumerate(lines) if line.get("entity", {}).get("uid") == uid)


def _more_entities(lines: Lines) -> list[tuple[int, str]]:
    lines[-1]["end"]["entities"] += 1
    return [(len(lines), "end.entities")]


def _fewer_relations(lines: Lines) -> list[tuple[int, str]]:
    lines[-1]["end"]["relations"] -= 1
    return [(len(lines), "end.relations")]


def _both_counts_wrong(lines: Lines) -> list[tuple[int, str]]:
    lines[-1]["end"] = {"entities": 0, "relations": True}
    return [(len(lines), "end.entities"), (len(lines), "end.relations")]


def _no_end(lines: Lines) -> list[tuple[int, str]]:
    lines.pop()
    return [(len(lines) + 1, "end")]


def _a_line_after_the_end(lines: Lines) -> list[tuple[int, str]]:
    lines.append({"entity": dict(lines[_uid_line(lines, "sci:a")]["entity"], uid="sci:late")})
    return [(len(lines), "entity")]


def _a_second_end(lines: Lines) -> list[tuple[int, str]]:
    lines.append(dict(lines[-1]))
    return [(len(lines), "end")]


def _missing_endpoint(lines: Lines) -> list[tuple[int, str]]:
    # sci:c's entity line goes, the counts are made to agree: only the ties to it are wrong.
    del lines[_uid_line(lines, "sci:c")]
    lines[-1]["end"]["entities"] -= 1
    expected = []
    for number, line in enumerate(lines, start=1):
        relation = line.get("relation", {})
        for end in ("source", "target"):
            if relation.get(end) == "sci:c":
                expected.append((number, end))
    assert len(expected) == 3, "MEMBER_OF and AFFILIATED_WITH from sci:c, COLLABORATED_WITH to it"
    return expected


DAMAGE: dict[str, Callable[[Lines], list[tuple[int, str]]]] = {
    "an entity count too high": _more_entities,
    "a relation count too low": _fewer_relations,
    "both counts wrong, one not a number": _both_counts_wrong,
    "no end line": _no_end,
    "a line after the end": _a_line_after_the_end,
    "a second end line": _a_second_end,
    "a relationship end not in the file": _missing_endpoint,
}


@pytest.fixture
def good(store: EmbeddedStore, tmp_path: Path) -> Path:
    """A backup of the small ecosystem; the graph then holds different data (the ecosystem less a scientist)."""
    ecosystem.build(store)
    path = tmp_path / "good.jsonl.gz"
    backup(store, path)
    store.write("entity_delete", {"uid": "sci:a"})
    return path


def _snapshot(store: EmbeddedStore, path: Path) -> list[Any]:
    backup(store, path)
    return list(records(path))


def test_the_undamaged_backup_restores(store: EmbeddedStore, good: Path, tmp_path: Path) -> None:
    # The fixture's file is sound: what the damaged copies change is all that is wrong with them.
    copy = _write(tmp_path / "copy.jsonl.gz", _lines(good))
    assert verify(copy) == Counts(len(ecosystem.ENTITIES), len(ecosystem.RELATIONS))
    report = restore(store, copy, force=True)
    assert (report.path, report.graph, report.source_graph) == (str(copy), store.graph_name, store.graph_name)
    assert (report.entities, report.relations) == (len(ecosystem.ENTITIES), len(ecosystem.RELATIONS))
    assert _snapshot(store, tmp_path / "after.jsonl.gz") == list(records(good))


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_backup_is_refused_at_its_line_and_field(
    damage: str, store: EmbeddedStore, good: Path, tmp_path: Path
) -> None:
    lines = _lines(good)
    expected = DAMAGE[damage](lines)
    damaged = _write(tmp_path / "damaged.jsonl.gz", lines)
    before = _snapshot(store, tmp_path / "before.jsonl.gz")
    with pytest.raises(InvalidInputError) as refused:
        restore(store, damaged, force=True)
    problems = refused.value.problems
    assert [(p.row, p.field) for p in problems] == expected, refused.value.report()
    assert all(p.file == damaged.name for p in problems)
    assert all(" / " in p.message for p in problems), "both languages"
    assert _snapshot(store, tmp_path / "after.jsonl.gz") == before, "the graph is untouched"
    if damage != "a relationship end not in the file":
        with pytest.raises(InvalidInputError):
            verify(damaged)


# Records the ontology refuses, added to the sound backup (its counts made to agree).
BAD_ENTITIES: list[dict[str, Any]] = [
    {"uid": "", "kind": "Scientist", "name": "无标识"},
    {"uid": "sci:listed", "kind": ["Scientist"], "name": "类型是列表"},
    {"uid": "sci:yes", "kind": "Scientist", "name": "是", "is_academician": "yes"},
    {"uid": "sci:five", "kind": "Scientist", "name": 5},
    {"uid": "sci:flag", "kind": "Scientist", "name": True},
    {"uid": "sci:obj", "kind": "Scientist", "name": {"zh": "对象"}},
    {"uid": "sci:list", "kind": "Scientist", "name": ["列表"]},
    {"uid": "sci:kept", "kind": "Scientist", "name": "簿记", "fingerprint": 3, "roster_weights": ["a"], "odd": 1},
    {"uid": "sci:nameless", "kind": "Scientist", "region": None},
    {"uid": "sci:a", "kind": "Scientist", "name": "重复"},
]
UID_ZH, TYPE_ZH = "标识只能由字母、数字和 _ . : - 组成", "未知关系类型"
BAD_RELATIONS: list[dict[str, Any]] = [
    {"type": "IN_FIELD", "source": "sci:b", "target": "field:semi", "props": {"weight": "high"}},
    {"type": "COLLABORATED_WITH", "source": "sci:a", "target": "sci:b", "props": {"year": 2020.5}},
    {"type": "COLLABORATED_WITH", "source": "sci:a", "target": "sci:c", "props": {"year": 1200}},
    {"type": "COLLABORATED_WITH", "source": "sci:c", "target": "sci:a", "props": {"year": True}},
    {"type": "BEFRIENDED", "source": "sci:a", "target": "sci:c", "props": {}},
]


def test_each_refused_record_is_named_with_its_line_field_and_reason(
    store: EmbeddedStore, good: Path, tmp_path: Path
) -> None:
    lines = _lines(good)
    first_relation = next(i for i, line in enumerate(lines) if "relation" in line)
    lines[first_relation:first_relation] = [{"entity": e} for e in BAD_ENTITIES]
    lines[-1:-1] = [{"relation": r} for r in BAD_RELATIONS]
    lines[-1]["end"]["entities"] += len(BAD_ENTITIES)
    lines[-1]["end"]["relations"] += len(BAD_RELATIONS)
    damaged = _write(tmp_path / "records.jsonl.gz", lines)
    with pytest.raises(InvalidInputError) as refused:
        restore(store, damaged, force=True)
    found = [(p.row, p.record, p.field, p.message) for p in refused.value.problems]
    kinds = ", ".join(k.value for k in EntityKind)
    types = ", ".join(t.value for t in RelationType)
    assert found == [
        (
            16,
            "",
            "uid",
            "uid must be 1-128 characters of letters, digits and _ . : - / 标识只能由字母、数字和 _ . : - 组成",
        ),
        (17, "sci:listed", "kind", f"unknown kind ['Scientist'] (known: {kinds}) / 未知实体类型"),
        (18, "sci:yes", "is_academician", "expected true or false, got text / 应为布尔值"),
        (19, "sci:five", "name", "expected text, got a number / 应为文本"),
        (20, "sci:flag", "name", "expected text, got true/false / 应为文本"),
        (21, "sci:obj", "name", "expected text, got an object / 应为文本"),
        (22, "sci:list", "name", "expected text, got a list / 应为文本"),
        (23, "sci:kept", "fingerprint", "expected text, got a number / 应为文本"),
        (23, "sci:kept", "roster_weights", "expected a list of numbers, got a list / 应为数字列表"),
        (23, "sci:kept", "odd", "unknown property for Scientist / Scientist 没有这个属性"),
        (24, "sci:nameless", "name", "required property is missing / 缺少必填属性「名称」"),
        (25, "sci:a", "uid", "uid already given on line 11 / 标识重复，第 11 行已有"),
        (39, "sci:b -[IN_FIELD]-> field:semi", "props.weight", "expected a number, got text / 应为数字"),
        (40, "sci:a -[COLLABORATED_WITH]-> sci:b", "props.year", "expected a whole number, got a number / 应为整数"),
        (41, "sci:a -[COLLABORATED_WITH]-> sci:c", "props.year", "1200 is below the minimum 1900 / 取值不符合本体规定"),
        (42, "sci:c -[COLLABORATED_WITH]-> sci:a", "props.year", "expected a whole number, got true/false / 应为整数"),
        (
            43,
            "sci:a -[BEFRIENDED]-> sci:c",
            "type",
            f"unknown relationship type 'BEFRIENDED' (known: {types}) / 未知关系类型",
        ),
    ]
    assert f": {len(found)} problems (rows are lines of the file)" in str(refused.value)
    assert "the graph was not changed" in str(refused.value)


def _not_json(path: Path, lines: Lines) -> None:
    _write(path, lines)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines([json.dumps(lines[0]) + "\n", json.dumps(lines[1]) + "\n", "{not json\n"])


def _not_gzip(path: Path, lines: Lines) -> None:
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")


def _not_a_backup(path: Path, lines: Lines) -> None:
    _write(path, [{"format": "something-else", "version": 1}, *lines[1:]])


def _a_later_version(path: Path, lines: Lines) -> None:
    _write(path, [{**lines[0], "version": 3}, *lines[1:]])


def _cut_short(path: Path, lines: Lines) -> None:
    _write(path, lines[:-1])


CUT_SHORT = "no end line: the file was cut short / 缺少结束行，文件不完整"
# How the file fails, what the error says after "is not a usable backup: ", and its one problem (or none).
FILE_DAMAGE: dict[str, tuple[Callable[[Path, Lines], None], str, tuple[int, str, str] | None]] = {
    "a line that is not JSON": (_not_json, "damaged (", (3, "", "damaged: ")),
    "not gzip": (_not_gzip, "unreadable (", None),
    "another format": (_not_a_backup, "not a graph-service backup", None),
    "a later version": (_a_later_version, "format version 3, this program reads 1 and 2", None),
    "cut short": (
        _cut_short,
        "truncated (no end marker)",
        (0, "end", "no end line: the file was cut short / 缺少结束行，文件不完整"),
    ),
}


@pytest.mark.parametrize("damage", list(FILE_DAMAGE))
def test_a_file_that_is_no_sound_backup_says_why(damage: str, store: EmbeddedStore, good: Path, tmp_path: Path) -> None:
    make, why, problem = FILE_DAMAGE[damage]
    lines = _lines(good)
    path = tmp_path / "bad.jsonl.gz"
    make(path, lines)
    before = _snapshot(store, tmp_path / "before.jsonl.gz")
    with pytest.raises(InvalidInputError) as refused:
        restore(store, path, force=True)
    message = str(refused.value)
    assert message.startswith(f"{path} is not a usable backup: {why}"), message
    assert f" / 备份文件不可用：{why}" in message
    if problem is None:
        assert refused.value.problems == []
    else:
        [found] = refused.value.problems
        row, field, text = problem
        assert (found.row, found.field, found.file) == (row or len(lines), field, path.name)
        assert found.message.startswith(text)
        assert found.message.endswith(" / 该行已损坏") or found.field == "end"
    assert _snapshot(store, tmp_path / "after.jsonl.gz") == before
