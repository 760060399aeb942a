"""Serve binds port 0; read-only tools write nothing.

Issue 15, item 13, on the real engine: ``graph-service`` subprocesses, with a served graph
where a running service matters.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_service.store.embedded import EmbeddedStore
from tests.service_process import ServiceProcess, graph_service, graphql, ready, wait_for

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
