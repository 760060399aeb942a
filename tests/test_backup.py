"""``graph-service backup`` / ``restore`` beside a running service with writes in flight."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph_service.errors import InvalidInputError
from graph_service.ops.backup_file import Relation, records, verify
from tests.service_process import BackgroundWriter, ServiceProcess, graph_service, graphql, wait_for

WRITE = """mutation($e: EntityInput!, $l: LinkInput!) {
  a: upsertEntity(input: $e) { __typename } b: link(input: $l) { __typename } }"""
FIRST = """mutation($e: EntityInput!) { upsertEntity(input: $e) { __typename } }"""


def _entity(i: int) -> dict[str, object]:
    return {"kind": "SCIENTIST", "uid": f"bk:{i:05d}", "name": f"备份 {i}"}


class ChainWriter(BackgroundWriter):
    """Adds bk:i and a COLLABORATED_WITH tie bk:i -> bk:(i-1), one pair per request, until stopped."""

    def __init__(self, service: ServiceProcess) -> None:
        super().__init__(service)
        self.count = 0

    def write(self, stop: threading.Event) -> None:
        port, token = self.service.port, self.service.token
        body = graphql(port, FIRST, {"e": _entity(0)}, token)
        assert "errors" not in body, body
        self.count = 1
        while not stop.is_set():
            i = self.count
            link = {"type": "COLLABORATED_WITH", "source": f"bk:{i:05d}", "target": f"bk:{i - 1:05d}"}
            body = graphql(port, WRITE, {"e": _entity(i), "l": link}, token)
            assert "errors" not in body, body
            self.count = i + 1

    def beyond(self, n: int) -> Callable[[], bool]:
        """A condition: more than ``n`` pairs written (raises the writer's failure)."""
        return self.until(lambda: self.count > n)


@pytest.fixture
def service(data_dir: Path) -> Iterator[ServiceProcess]:
    graph_service(data_dir, "load-seed", "--synthetic", "300")
    proc = ServiceProcess(data_dir)
    proc.start()
    yield proc
    proc.stop()


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph_service.cli.main", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_backup_while_writing_is_one_consistent_moment_and_restores(
    service: ServiceProcess, data_dir: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "graph.jsonl.gz"
    with ChainWriter(service) as writer:
        wait_for(writer.beyond(30), "writes in flight")
        graph_service(data_dir, "backup", "--to", str(backup))
        wait_for(writer.beyond(writer.count + 10), "writes after the backup")

    counts = verify(backup)
    entities: set[str] = set()
    ties: set[tuple[str, str]] = set()
    for record in records(backup):
        if isinstance(record, Relation):
            ties |= {(record.source, record.target)} if record.type == "COLLABORATED_WITH" else set()
        elif isinstance(record, dict):
            entities.add(str(record["uid"]))
    ours = sorted(uid for uid in entities if uid.startswith("bk:"))
    # One moment of a serial writer: a prefix of its entities, with each one's tie once both ends exist.
    assert ours == [f"bk:{i:05d}" for i in range(len(ours))]
    assert 30 <= len(ours) < writer.count
    ours_ties = {t for t in ties if t[0].startswith("bk:")}
    assert {(f"bk:{i:05d}", f"bk:{i - 1:05d}") for i in range(1, len(ours) - 1)} <= ours_ties
    assert all(s in entities and t in entities for s, t in ties)

    refused = _cli(data_dir, "restore", "--from", str(backup))
    assert refused.returncode == 2
    assert "--force" in refused.stderr

    # Into an empty graph beside the served one, then over the served one, service running.
    restored = tmp_path / "again.jsonl.gz"
    graph_service(data_dir, "--graph", "restored", "restore", "--from", str(backup))
    graph_service(data_dir, "--graph", "restored", "backup", "--to", str(restored))
    assert list(records(restored)) == list(records(backup))

    graph_service(data_dir, "restore", "--from", str(backup), "--force")
    again = tmp_path / "served.jsonl.gz"
    graph_service(data_dir, "backup", "--to", str(again))
    assert list(records(again)) == list(records(backup))
    assert verify(again) == counts


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl.gz"
    data = tmp_path / "data"
    graph_service(data, "load-seed", "--synthetic", "0")
    graph_service(data, "backup", "--to", str(good))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(InvalidInputError):
        verify(cut)
    empty = tmp_path / "empty"
    result = _cli(empty, "--graph", "other", "restore", "--from", str(cut))
    assert result.returncode == 2
    assert "备份文件不可用" in result.stderr
