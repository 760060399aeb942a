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
from graph_service.ops.backup import backup
from graph_service.ops.backup_file import records, verify
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
    restore(store, copy, force=True)
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
