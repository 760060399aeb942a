"""Restore checks a backup whole and swaps it in; serve binds port 0; read-only tools write nothing.

Issue 15, items 12 and 13, on the real engine: the session's engine for restore itself, and
``graph-service`` subprocesses (with a served graph where a running service matters).
"""

from __future__ import annotations

import contextlib
import copy
import re
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_service.errors import InvalidInputError, StoreUnavailableError
from graph_service.ops.backup import backup
from graph_service.ops.backup_file import Record as WorkflowRecord
from graph_service.ops.backup_file import Relation, records, writing
from graph_service.ops.restore import restore
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem
from tests.service_process import ServiceProcess, graph_service, graphql, ready, wait_for

Record = dict[str, Any] | Relation | WorkflowRecord


def _read(path: Path) -> list[Record]:
    return list(records(path))


def _write(path: Path, items: list[Record]) -> Path:
    """A backup of ``items`` with a correct header and end line, as an edited file would be."""
    with writing(path) as out:
        out.header(graph="ecosystem", engine="falkordb", created_at="2024-01-01T00:00:00+00:00")
        for item in items:
            if isinstance(item, Relation):
                out.relation(item)
            elif isinstance(item, WorkflowRecord):
                out.record(item)
            else:
                out.entity(item)
        out.end()
    return path


def _snapshot(store: EmbeddedStore, path: Path) -> list[Record]:
    """Every stored property of every entity and relationship, timestamps included."""
    backup(store, path)
    return list(records(path))


@pytest.fixture
def good(store: EmbeddedStore, tmp_path: Path) -> list[Record]:
    """A backup of the small ecosystem, as records."""
    ecosystem.build(store)
    path = tmp_path / "good.jsonl.gz"
    backup(store, path)
    store.clear()
    return _read(path)


@pytest.fixture
def target(store: EmbeddedStore, good: list[Record], tmp_path: Path) -> tuple[EmbeddedStore, list[Record]]:
    """The graph after ``good`` was taken: data of its own (one more entity), and its snapshot."""
    ecosystem.build(store)
    store.write(
        "entity_upsert",
        {"rows": [{"uid": "sci:kept", "kind": "Scientist", "now": "t", "fingerprint": "f", "props": {"name": "留"}}]},
        slots={"kind": ecosystem.K.SCIENTIST},
    )
    return store, _snapshot(store, tmp_path / "before.jsonl.gz")


def _beside(store: EmbeddedStore) -> list[str]:
    """Graphs named after ``store``'s (scratch, staging) on its engine."""
    return [name for name in store.connection.graph_names() if name.startswith(f"{store.graph_name}__")]


def _entity_index(items: list[Record], uid: str) -> int:
    return next(i for i, r in enumerate(items) if isinstance(r, dict) and r["uid"] == uid)


def _entity_copy(items: list[Record], index: int) -> dict[str, Any]:
    item = items[index]
    assert isinstance(item, dict), item
    return copy.deepcopy(item)


def _relation_index(items: list[Record], type_: str, source: str) -> int:
    return next(i for i, r in enumerate(items) if isinstance(r, Relation) and (r.type, r.source) == (type_, source))


def _append(items: list[Record], record: Record) -> int:
    items.append(record)
    return len(items) - 1


def _dangling_target(items: list[Record]) -> int:
    return _append(items, Relation("MEMBER_OF", "sci:a", "soc:ghost", {}))


def _dangling_source(items: list[Record]) -> int:
    return _append(items, Relation("MEMBER_OF", "sci:ghost", "soc:elec", {}))


def _duplicated_entity(items: list[Record]) -> int:
    first = _entity_index(items, "sci:b")
    twin = {**_entity_copy(items, first), "name": "乙的替身"}
    items.insert(first + 1, twin)
    return first + 1


def _duplicated_relation(items: list[Record]) -> int:
    return _append(items, copy.deepcopy(items[_relation_index(items, "MEMBER_OF", "sci:a")]))


def _disallowed_ends(items: list[Record]) -> int:
    # A field cannot be a member of a society.
    return _append(items, Relation("MEMBER_OF", "field:semi", "soc:elec", {}))


def _text_for_a_boolean(items: list[Record]) -> int:
    index = _entity_index(items, "ent:x")
    items[index] = {**_entity_copy(items, index), "specialised": "yes"}
    return index


def _year_out_of_bounds(items: list[Record]) -> int:
    index = _relation_index(items, "MEMBER_OF", "sci:b")
    old = items[index]
    assert isinstance(old, Relation)
    items[index] = Relation(old.type, old.source, old.target, {"since": 1200})
    return index


def _unknown_property(items: list[Record]) -> int:
    index = _entity_index(items, "inst:u")
    items[index] = {**_entity_copy(items, index), "shoe_size": 44}
    return index


def _unknown_kind(items: list[Record]) -> int:
    index = _entity_index(items, "sci:c")
    items[index] = {**_entity_copy(items, index), "kind": "Wizard"}
    return index


DEFECTS: dict[str, tuple[Callable[[list[Record]], int], str]] = {
    "dangling target": (_dangling_target, "target"),
    "dangling source": (_dangling_source, "source"),
    "duplicated entity": (_duplicated_entity, "uid"),
    "duplicated relationship": (_duplicated_relation, "type"),
    "ends of kinds the type does not allow": (_disallowed_ends, "type"),
    "text for a boolean": (_text_for_a_boolean, "specialised"),
    "a year below its minimum": (_year_out_of_bounds, "props.since"),
    "a property the kind does not have": (_unknown_property, "shoe_size"),
    "an unknown kind": (_unknown_kind, "kind"),
}


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_a_backup_that_contradicts_itself_or_the_ontology_changes_nothing(
    defect: str, good: list[Record], target: tuple[EmbeddedStore, list[Record]], tmp_path: Path
) -> None:
    store, before = target
    spoil, field = DEFECTS[defect]
    items = copy.deepcopy(good)
    line = spoil(items) + 2  # the header is line 1
    bad = _write(tmp_path / "bad.jsonl.gz", items)
    version = store.version()

    with pytest.raises(InvalidInputError) as refused:
        restore(store, bad, force=True)

    assert [(p.row, p.field) for p in refused.value.problems] == [(line, field)]
    report = refused.value.report()
    assert f"row {line}" in report
    assert f"field '{field}'" in report
    assert "图谱未作任何改动" in report  # English and Chinese
    assert store.version() == version, "nothing was written to the graph"
    assert _snapshot(store, tmp_path / "after.jsonl.gz") == before


def test_every_problem_of_a_backup_is_reported_at_once(
    good: list[Record], target: tuple[EmbeddedStore, list[Record]], tmp_path: Path
) -> None:
    store, _ = target
    items = copy.deepcopy(good)
    lines = sorted(spoil(items) + 2 for spoil in (_dangling_target, _unknown_property))
    with pytest.raises(InvalidInputError) as refused:
        restore(store, _write(tmp_path / "bad.jsonl.gz", items), force=True)
    assert sorted(p.row for p in refused.value.problems if p.row is not None) == lines


def test_a_restore_that_fails_while_writing_leaves_the_graph_as_it_was(
    good: list[Record],
    target: tuple[EmbeddedStore, list[Record]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, before = target
    path = _write(tmp_path / "good.jsonl.gz", good)
    write_batches = EmbeddedStore.write_batches

    def lost_midway(self: EmbeddedStore, name: str, *args: Any, **kwargs: Any) -> int:
        if name == "relation_upsert":  # every entity is written by now
            raise StoreUnavailableError("the engine went away (simulated)")
        return write_batches(self, name, *args, **kwargs)

    monkeypatch.setattr(EmbeddedStore, "write_batches", lost_midway)
    with pytest.raises(StoreUnavailableError):
        restore(store, path, force=True)
    monkeypatch.undo()

    assert _snapshot(store, tmp_path / "after.jsonl.gz") == before
    assert _beside(store) == [], "no staging graph is left behind"


def test_a_forced_restore_replaces_the_graph_whole(
    good: list[Record], target: tuple[EmbeddedStore, list[Record]], tmp_path: Path
) -> None:
    store, before = target
    version = store.version()
    restore(store, _write(tmp_path / "good.jsonl.gz", good), force=True)
    after = _snapshot(store, tmp_path / "after.jsonl.gz")
    assert after == good, "exactly the backup: the entity only the old graph held is gone"
    assert after != before
    assert store.version() != version, "caches of the old graph are dropped"
    found = store.read("search", {"terms": ["研究"], "kinds": [], "limit": 5, "window": 100, "any": False})
    assert found, "the full-text index came along"
    assert _beside(store) == []


def test_relationships_may_come_before_their_entities(store: EmbeddedStore, good: list[Record], tmp_path: Path) -> None:
    ties_first = [r for r in good if isinstance(r, Relation)] + [r for r in good if not isinstance(r, Relation)]
    restore(store, _write(tmp_path / "reordered.jsonl.gz", ties_first))
    assert _snapshot(store, tmp_path / "after.jsonl.gz") == good


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph_service.cli.main", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_restore_force_on_the_command_line_names_the_line_and_keeps_the_graph(data_dir: Path, tmp_path: Path) -> None:
    graph_service(data_dir, "load-seed", "--synthetic", "0")
    taken = tmp_path / "taken.jsonl.gz"
    graph_service(data_dir, "backup", "--to", str(taken))
    items = _read(taken)
    member = next(r["uid"] for r in items if isinstance(r, dict) and r["kind"] == "Enterprise")
    line = _append(items, Relation("MEMBER_OF", member, "soc:ghost", {})) + 2
    bad = _write(tmp_path / "bad.jsonl.gz", items)
    stats = graph_service(data_dir, "stats", "--json")

    result = _cli(data_dir, "restore", "--from", str(bad), "--force")

    assert result.returncode == 2, result.stderr
    assert f"row {line}" in result.stderr
    assert "field 'target'" in result.stderr
    assert "备份中没有标识为「soc:ghost」的实体" in result.stderr
    assert graph_service(data_dir, "stats", "--json") == stats
    again = tmp_path / "again.jsonl.gz"
    graph_service(data_dir, "backup", "--to", str(again))
    assert list(records(again)) == list(records(taken))


# -- item 13 -----------------------------------------------------------------------------


SERVE_ON_ZERO = ("serve", "--host", "127.0.0.1", "--port", "0")


@contextlib.contextmanager
def _holding(port: int) -> Iterator[None]:
    """Listen on ``port`` meanwhile, when nobody else does already."""
    sock = socket.socket()
    try:
        with contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port))
            sock.listen()
        yield
    finally:
        sock.close()


def test_serve_on_port_zero_binds_a_free_port_and_prints_it(data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with _holding(8000), log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "graph_service.cli.main", "--data-dir", str(data_dir), *SERVE_ON_ZERO],
            stdout=out,
            stderr=out,
        )
        try:
            printed = re.compile(r"serving on http://127\.0\.0\.1:(\d+)/graphql")
            wait_for(lambda: proc.poll() is not None or printed.search(log.read_text()) is not None, "the port")
            found = printed.search(log.read_text())
            assert found is not None, log.read_text()[-2000:]
            port = int(found.group(1))
            assert port not in (0, 8000)
            wait_for(lambda: proc.poll() is not None or ready(port), "the service on the printed port")
            assert proc.poll() is None, log.read_text()[-2000:]
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_opening_the_schema_again_does_not_move_the_version(store: EmbeddedStore) -> None:
    version = store.version()
    store.ensure_schema()
    assert store.version() == version


@pytest.fixture
def served(data_dir: Path) -> Iterator[ServiceProcess]:
    graph_service(data_dir, "load-seed", "--synthetic", "50")
    service = ServiceProcess(data_dir)
    service.start()
    yield service
    service.stop()


def test_read_only_commands_keep_the_served_graphs_version(
    served: ServiceProcess, data_dir: Path, tmp_path: Path
) -> None:
    probe = EmbeddedStore.open(data_dir, attach=True)  # the service's engine, as a plain client
    try:
        commands = {
            "stats": ["stats"],
            "stats --json": ["stats", "--json"],
            "report gaps": ["report", "gaps", "--chain", "chain:ic", "--out", str(tmp_path / "gaps.csv")],
            "report ecosystem": ["report", "ecosystem", "--out", str(tmp_path / "eco.xlsx")],
            "export": ["export", "--format", "json", "--out", str(tmp_path / "export")],
            "backup": ["backup", "--to", str(tmp_path / "b.jsonl.gz")],
        }
        for name, args in commands.items():
            version = probe.version()
            graph_service(data_dir, *args)
            assert probe.version() == version, f"`graph-service {name}` moved the version"

        # The probe does see a write: the service's caches would be dropped by one.
        version = probe.version()
        body = graphql(
            served.port,
            'mutation { upsertEntity(input: {kind: SCIENTIST, uid: "sci:probe", name: "探针"}) { __typename } }',
            token=served.token,
        )
        assert "errors" not in body, body
        assert probe.version() != version
    finally:
        probe.close()
