"""Readiness, request ids, JSON access logs and Prometheus metrics, on the real engine."""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph_service.api.http.log_format import JsonFormatter
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection
from tests.api_client import api_client

LOOKUP = "query Lookup($uid: String!) { entity(uid: $uid) { uid } }"


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with api_client(store=store) as test_client:
        yield test_client


def test_request_id_is_returned_honoured_when_sane_and_reaches_errors(client: TestClient) -> None:
    fresh = client.get("/health")
    assert len(fresh.headers["x-request-id"]) == 16
    mine = client.post("/graphql", json={"query": "{ nope }"}, headers={"X-Request-Id": "trace-42.a:b"})
    assert mine.headers["x-request-id"] == "trace-42.a:b"
    assert mine.json()["errors"][0]["extensions"]["requestId"] == "trace-42.a:b"
    hostile = client.get("/health", headers={"X-Request-Id": "x" * 65})
    assert hostile.headers["x-request-id"] != "x" * 65
    spaced = client.get("/health", headers={"X-Request-Id": "a b"})
    assert spaced.headers["x-request-id"] != "a b"


def test_one_json_access_line_per_request(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="graph_service.access"):
        response = client.post(
            "/graphql", json={"query": LOOKUP, "variables": {"uid": "none"}, "operationName": "Lookup"}
        )
    lines = [r for r in caplog.records if r.name == "graph_service.access"]
    assert len(lines) == 1
    entry = json.loads(JsonFormatter().format(lines[0]))
    assert entry["request_id"] == response.headers["x-request-id"]
    assert entry["operation"] == "query entity"
    assert entry["operation_name"] == "Lookup"
    assert entry["status"] == 200
    assert entry["duration_ms"] >= 0
    assert entry["msg"] == "request"


def test_metrics_count_requests_by_bounded_operation(client: TestClient) -> None:
    client.post("/graphql", json={"query": LOOKUP, "variables": {"uid": "none"}})
    client.post("/graphql", json={"query": "query Mine { madeUpField }"})
    text = client.get("/metrics").text
    assert 'graph_service_requests_total{operation="query entity",route="/graphql",status="200"} 1.0' in text
    assert 'operation="query other"' in text
    assert "madeUpField" not in text
    assert 'graph_service_request_duration_seconds_bucket{le="0.001",operation="query entity",route="/graphql"}' in text
    assert "graph_service_engine_restarts_total 0.0" in text
    assert "graph_service_engine_up 1.0" in text
    assert "process_resident_memory_bytes" in text


def test_ready_is_503_while_the_engine_is_down_and_restarts_are_counted(data_dir: Path) -> None:
    # Unsupervised, so the engine stays down until the test restarts it as the supervisor would.
    connection = EngineConnection(data_dir, supervise=False)
    store = EmbeddedStore(connection, "ready")
    try:
        with api_client(store=store) as client:
            assert client.get("/ready").status_code == 200
            pid = connection.process.pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            connection.process._proc.wait()  # type: ignore[union-attr]
            down = client.get("/ready")
            assert down.status_code == 503
            assert down.json()["status"] == "unavailable"
            assert "graph_service_engine_up 0.0" in client.get("/metrics").text

            assert connection.process.ensure_running()
            assert client.get("/ready").status_code == 200
            assert "graph_service_engine_restarts_total 1.0" in client.get("/metrics").text
    finally:
        connection.close()
