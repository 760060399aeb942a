"""The README's two commands on Neo4j: `graph-service neo4j`, then the tools and the service on it.

One Neo4j of its own (not the session's, which other tests clear), started as a user starts
it; every command reads the connection settings it writes, as `set -a; . FILE` would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.prerequisites import require_local_neo4j
from tests.service_process import ServiceProcess, graph_service, graphql, request, wait_for

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _settings(env_file: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in env_file.read_text().splitlines() if line)


def _answers(uri: str) -> bool:
    host, port = uri.removeprefix("bolt://").split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def local_neo4j_command(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """`graph-service neo4j --data DIR --port 0` running; its process and its settings file."""
    require_local_neo4j()
    data = tmp_path_factory.mktemp("local-neo4j")
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph_service.cli.main", "neo4j", "--data", str(data), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    env_file = data / "neo4j.env"
    wait_for(lambda: proc.poll() is not None or env_file.exists(), "the local Neo4j's settings file", 240)
    assert proc.poll() is None, proc.communicate()[0]
    try:
        yield proc, env_file
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=90)


def test_neo4j_command_writes_private_settings(local_neo4j_command: tuple[subprocess.Popen[str], Path]) -> None:
    _, env_file = local_neo4j_command
    settings = _settings(env_file)
    assert settings["GRAPH_SERVICE_ENGINE"] == "neo4j"
    assert settings["NEO4J_URI"].startswith("bolt://127.0.0.1:")
    assert len(settings["NEO4J_PASSWORD"]) >= 16
    assert env_file.stat().st_mode & 0o077 == 0, "the password file is readable by others"


def test_tools_and_service_run_on_it(
    local_neo4j_command: tuple[subprocess.Popen[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, env_file = local_neo4j_command
    for key, value in _settings(env_file).items():
        monkeypatch.setenv(key, value)
    data_dir = tmp_path / "data"  # tokens only: the graph is in Neo4j

    loaded = json.loads(graph_service(data_dir, "load-seed", "--synthetic", "400"))
    assert loaded["seed_entities"] > 100
    csv = tmp_path / "scientists.csv"
    csv.write_text("uid,name,region\nimported:local-neo4j,张本地,成都市\n", encoding="utf-8")
    imported = json.loads(graph_service(data_dir, "import", str(csv)))
    assert imported["entities"] == {"Scientist": 1}
    exported = tmp_path / "graph.json"
    graph_service(data_dir, "export", "--format", "json", "--out", str(exported))
    assert "imported:local-neo4j" in exported.read_text(encoding="utf-8")
    # Neo4j Community has one database: training copies the graph into a temporary embedded engine.
    trained = graph_service(data_dir, "train", "--max-askers", "60", "--json")
    assert json.loads(trained)["version"] == 1

    service = ServiceProcess(data_dir)
    service.start()
    try:
        answer = graphql(service.port, '{ entity(uid: "imported:local-neo4j") { name kind } }', token=service.token)
        health = json.loads(request(service.port, "GET", "/health")[1])
    finally:
        service.stop()
    assert answer.get("errors") is None, answer
    assert answer["data"]["entity"] == {"name": "张本地", "kind": "SCIENTIST"}
    assert health["engine"] == "neo4j"
    assert health["engineUp"] is True


def test_sigterm_stops_neo4j_and_removes_the_settings(
    local_neo4j_command: tuple[subprocess.Popen[str], Path],
) -> None:
    proc, env_file = local_neo4j_command
    uri = _settings(env_file)["NEO4J_URI"]
    assert _answers(uri)
    os.kill(proc.pid, signal.SIGTERM)
    output, _ = proc.communicate(timeout=90)
    assert proc.returncode == 0, output
    assert "Neo4j stopped / Neo4j 已停止" in output
    assert not env_file.exists()
    assert not _answers(uri), "Bolt still answers after the command stopped"
