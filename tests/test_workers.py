"""Several service workers on one embedded engine, as ``serve --workers 2`` runs them."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from graph_service.api.http.workers import listening_socket
from tests.service_process import DEADLINE_S, ServiceProcess, engine_pid, request

GAPS = '{ chainGaps(chain: "chain:ic") { segments { uid coverage { enterprises } } } }'
UPSERT = "mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename } }"
LINK = "mutation($input: LinkInput!) { link(input: $input) { __typename } }"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    process = ServiceProcess(tmp_path_factory.mktemp("workers") / "data", "--demo", "--workers", "2")
    process.start()
    try:
        yield process
    finally:
        process.stop()


class Calls:
    """GraphQL calls on fresh connections, each with its own request id, traced to the worker that served it."""

    def __init__(self, service: ServiceProcess) -> None:
        self.service = service
        self.count = 0

    def post(self, query: str, variables: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        self.count += 1
        rid = f"w{time.monotonic_ns()}-{self.count}"
        body = json.dumps({"query": query, "variables": variables or {}})
        status, raw, _ = request(
            self.service.port, "POST", "/graphql", body, self.service.token, headers={"X-Request-Id": rid}
        )
        payload = json.loads(raw)
        assert status == 200, payload
        assert "errors" not in payload, payload
        return rid, payload["data"]

    def worker_of(self, rid: str) -> int:
        """The pid that logged the request (the access line is written as the response goes)."""
        end = time.monotonic() + DEADLINE_S
        while time.monotonic() < end:
            for line in self.service.log.read_text(encoding="utf-8", errors="replace").splitlines():
                if f'"request_id": "{rid}"' in line:
                    return int(json.loads(line)["pid"])
            time.sleep(0.05)
        raise AssertionError(f"no log line for request {rid}")

    def on_every_worker(self, query: str, workers: int = 2, attempts: int = 200) -> dict[int, dict[str, Any]]:
        """Answers to ``query`` from each worker: asked on new connections until every worker has answered."""
        answers: dict[int, dict[str, Any]] = {}
        for _ in range(attempts):
            rid, data = self.post(query)
            answers.setdefault(self.worker_of(rid), data)
            if len(answers) == workers:
                return answers
        raise AssertionError(f"only workers {sorted(answers)} answered in {attempts} requests")


def enterprises_in(data: dict[str, Any], segment: str) -> int:
    count: int = next(s["coverage"]["enterprises"] for s in data["chainGaps"]["segments"] if s["uid"] == segment)
    return count


def test_two_workers_serve_and_a_write_invalidates_every_workers_cache(service: ServiceProcess) -> None:
    calls = Calls(service)
    # Each worker computes and caches the chain report.
    before = calls.on_every_worker(GAPS)
    segment = "segment:ic:eda"
    counts = {enterprises_in(data, segment) for data in before.values()}
    assert len(counts) == 1
    count = counts.pop()

    # In the chain's own city: a one-city chain counts that city's enterprises.
    enterprise = {
        "kind": "ENTERPRISE",
        "uid": "ent:worker-test",
        "name": "多进程测试企业",
        "properties": {"region": "成都市"},
    }
    calls.post(UPSERT, {"input": enterprise})
    calls.post(LINK, {"input": {"type": "IN_SEGMENT", "source": "ent:worker-test", "target": segment}})

    # Whichever worker made the write, every worker now answers from the new graph.
    after = calls.on_every_worker(GAPS)
    assert {pid: enterprises_in(data, segment) for pid, data in after.items()} == dict.fromkeys(after, count + 1)
    assert set(after) == set(before)


def test_the_parent_keeps_the_engine_and_stops_it_with_the_workers(tmp_path: Path) -> None:
    process = ServiceProcess(tmp_path / "data", "--workers", "2")
    process.start()
    engine = engine_pid(process.data_dir)
    status, _, _ = request(process.port, "GET", "/ready")
    assert status == 200
    process.stop()
    assert not Path(f"/proc/{engine}").exists(), "the engine outlived the service"
    assert not (process.data_dir / "engine.pid").exists()


def test_connections_the_workers_accept_have_nagle_off() -> None:
    config = uvicorn.Config("graph_service.api.app:create_worker_app", factory=True, host="127.0.0.1", port=0)
    listener = listening_socket(config)
    try:
        listener.listen()
        with socket.create_connection(listener.getsockname()[:2]):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        listener.close()
