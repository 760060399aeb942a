"""GraphQL over HTTP as its spec and the graphql-http audit describe it, on a real server."""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.bench.server import serving
from graph_service.config import Settings
from graph_service.domain.records import EntityRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.access.principal import Role
from graph_service.services.ingest.writer import write_entities
from graph_service.store.embedded import EmbeddedStore
from tests.api_client import api_client

AUDIT = Path(__file__).resolve().parents[1] / "tools" / "graphql-http-audit"
RESPONSE = "application/graphql-response+json"
QUERY = "{ stats { entities } }"


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with api_client(Settings(), store=store) as test_client:
        yield test_client


def _assert_graphql_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body: dict[str, Any] = response.json()
    [error] = body["errors"]
    assert error["extensions"]["code"] == code, error
    assert error["extensions"]["requestId"], error
    assert " / " in error["message"], "in English and Chinese"
    return body


@pytest.mark.parametrize("name", [{}, [], 3])
def test_an_operation_name_that_is_not_a_string_is_a_400(client: TestClient, name: object) -> None:
    response = client.post("/graphql", json={"query": QUERY, "operationName": name})
    body = _assert_graphql_error(response, 400, "BAD_REQUEST")
    assert "operationName" in str(body)


def test_every_refused_request_answers_in_json(client: TestClient) -> None:
    json_type = {"content-type": "application/json"}
    cases = {
        "malformed JSON": (client.post("/graphql", content=b"{", headers=json_type), 400, "BAD_REQUEST"),
        "a batch": (client.post("/graphql", json=[{"query": QUERY}]), 400, "BAD_REQUEST"),
        "a wrong content type": (
            client.post("/graphql", content=b"q", headers={"content-type": "text/plain"}),
            400,
            "BAD_REQUEST",
        ),
        "variables not an object": (client.post("/graphql", json={"query": QUERY, "variables": 3}), 400, "BAD_REQUEST"),
        "a mutation over GET": (
            client.get("/graphql", params={"query": 'mutation { deleteEntity(uid: "x") { __typename } }'}),
            405,
            "METHOD_NOT_ALLOWED",
        ),
        "an oversized body": (
            client.post("/graphql", content=b'{"query": "' + b"a" * 2_000_000 + b'"}', headers=json_type),
            413,
            "LIMIT_EXCEEDED",
        ),
    }
    for what, (response, status, code) in cases.items():
        try:
            _assert_graphql_error(response, status, code)
        except AssertionError as failure:
            raise AssertionError(f"{what}: {failure}") from failure
    assert cases["a mutation over GET"][0].headers["allow"] == "POST"


def test_graphql_response_json_gets_4xx_without_data_for_request_errors(client: TestClient) -> None:
    accept = {"accept": RESPONSE}
    for document, variables in (
        ("{ stats { ", None),  # does not parse
        ("{ noSuchField }", None),  # does not validate
        ("query($n: Int!) { entities(kind: FIELD, first: $n) { totalCount } }", {"n": "many"}),  # does not coerce
    ):
        response = client.post("/graphql", json={"query": document, "variables": variables}, headers=accept)
        assert response.status_code == 400, (document, response.text)
        assert response.headers["content-type"].startswith(RESPONSE)
        assert "data" not in response.json()
        # Accepting application/json keeps the old contract: 200 and data null.
        old = client.post("/graphql", json={"query": document, "variables": variables})
        assert (old.status_code, old.json()["data"]) == (200, None)
    ok = client.post("/graphql", json={"query": QUERY}, headers=accept)
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith(RESPONSE)
    assert ok.json()["data"] == {"stats": {"entities": 0}}


def test_several_operations_need_an_operation_name(client: TestClient) -> None:
    document = "query A { stats { entities } } query B { stats { relationships } }"
    body = _assert_graphql_error(client.post("/graphql", json={"query": document}), 400, "BAD_REQUEST")
    assert "operationName" in str(body)
    chosen = client.post("/graphql", json={"query": document, "operationName": "A"}).json()
    assert chosen["data"] == {"stats": {"entities": 0}}
    missing = client.post("/graphql", json={"query": document, "operationName": "C"})
    assert '"C"' in str(_assert_graphql_error(missing, 400, "BAD_REQUEST"))


def test_a_refused_mutation_does_not_hide_the_ones_that_committed(store: EmbeddedStore) -> None:
    write_entities(
        store,
        [
            EntityRecord(EntityKind.ENTERPRISE, "e:1", {"uid": "e:1", "name": "甲企业"}),
            EntityRecord(EntityKind.ENTERPRISE, "e:2", {"uid": "e:2", "name": "乙企业"}),
            EntityRecord(EntityKind.FIELD, "f:bat", {"uid": "f:bat", "name": "储能电池"}),
        ],
    )
    document = """mutation {
      mine: link(input: {type: NEEDS, source: "e:1", target: "f:bat"}) { __typename }
      theirs: link(input: {type: NEEDS, source: "e:2", target: "f:bat"}) { __typename }
    }"""
    with api_client(Settings(), store=store, role=Role.ENTERPRISE, entity="e:1") as client:
        body = client.post("/graphql", json={"query": document}).json()
    assert body["data"] == {"mine": {"__typename": "Done"}, "theirs": None}
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [(["theirs"], "FORBIDDEN")]
    assert store.read("relation_exists", {"source": "e:1", "target": "f:bat"}, slots={"rel": RelationType.NEEDS})


def test_the_graphql_http_server_audit_passes(store: EmbeddedStore) -> None:
    assert shutil.which("node"), "the audit runs on Node (installed with the project's other Node tools)"
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), "run make install (npm ci in tools/graphql-http-audit)"
    with serving(create_app(Settings(demo=True, host="127.0.0.1"), store=store)) as port:
        done = subprocess.run(
            ["node", str(AUDIT / "audit.mjs"), f"http://127.0.0.1:{port}/graphql"],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    audits = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    statuses = collections.Counter(a["status"] for a in audits)
    failing = [(a["status"], a["id"], a["name"], a["reason"]) for a in audits if a["status"] != "ok"]
    assert len(audits) >= 50
    assert statuses == {"ok": len(audits)}, failing


def test_the_embedded_engine_sends_no_bookmarks_and_ignores_them(client: TestClient) -> None:
    """One engine, one state: read-your-writes holds without bookmarks (tests/test_neo4j_routing.py for Neo4j)."""
    response = client.post("/graphql", json={"query": "{ __typename }"}, headers={"Graph-Bookmarks": "FB:any"})
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}
    assert "graph-bookmarks" not in response.headers
