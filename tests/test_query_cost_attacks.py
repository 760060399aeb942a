"""Documents built to make pricing or validation expensive, refused before they cost anything."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.graphql.cost import MAX_FIELDS, operation_walk
from graph_service.bench.server import serving
from graph_service.config import Settings
from graph_service.store.embedded import EmbeddedStore
from tests.api_client import api_client, error_codes, graphql_post

# A probe of /health that takes this long has hung (the audit saw ~10 s per fan-out document).
PROBE_TIMEOUT_S = 5.0


def fan_out(levels: int, leaf: str = "stats { entities }", prefix: str = "F") -> str:
    """``query { ...F<levels> }`` where each fragment spreads the one below twice: 2^levels leaves."""
    fragments = [f"fragment {prefix}0 on Query {{ {leaf} }}"]
    fragments += [
        f"fragment {prefix}{i} on Query {{ ...{prefix}{i - 1} ...{prefix}{i - 1} }}" for i in range(1, levels + 1)
    ]
    return f"query Q {{ ...{prefix}{levels} }}\n" + "\n".join(fragments)


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with api_client(Settings(), store=store) as test_client:
        yield test_client


def test_fan_out_is_priced_by_lookup_not_by_expansion() -> None:
    from graphql import parse

    walked = operation_walk(parse(fan_out(40)), None, {})
    # 2^40 leaves of cost 2 each: a number, computed without walking them.
    assert (walked.cost, walked.fields) == (2 * 2**40, 2 * 2**40)


@pytest.mark.parametrize("leaf", ["stats { entities }", "__typename"])
def test_fan_out_documents_are_refused_whatever_their_names(client: TestClient, leaf: str) -> None:
    for prefix in ("F", "G", "Renamed"):  # renaming fragments does not make a document new work
        body = graphql_post(client, fan_out(21, leaf, prefix))
        assert error_codes(body) == ["LIMIT_EXCEEDED"], body
        assert "data" not in body or body["data"] is None
    # Introspection fields cost nothing but still count as fields expanded.
    assert str(MAX_FIELDS) in str(graphql_post(client, fan_out(21, "__typename"))["errors"])


def test_refused_work_is_charged_to_the_callers_bucket(store: EmbeddedStore) -> None:
    with api_client(Settings(rate_capacity=30_000, rate_refill_per_second=1.0), store=store) as client:
        assert "errors" not in graphql_post(client, "{ stats { entities } }")
        for _ in range(2):
            assert error_codes(graphql_post(client, fan_out(21))) == ["LIMIT_EXCEEDED"]
        limited = graphql_post(client, "{ stats { entities } }")
    assert error_codes(limited) == ["LIMIT_EXCEEDED"]
    assert "rate limit" in str(limited["errors"])


def test_every_answer_reports_its_cost_and_the_limit(client: TestClient) -> None:
    answer = graphql_post(client, "{ stats { entities } }")
    assert answer["extensions"]["cost"] == {"requested": 2, "limit": 20_000}
    bucket = answer["extensions"]["rateLimit"]
    assert set(bucket) == {"remaining", "capacity", "refillPerSecond"}
    assert bucket["remaining"] == bucket["capacity"] - 2, "the first answer's bucket paid its cost only"


def test_declared_variable_defaults_are_priced(client: TestClient) -> None:
    defaulted = """query($n: Int = 100) { entities(kind: FIELD, first: $n) { edges { node {
        ... on Field { actors(first: $n) { edges { node { uid } } } } } } } }"""
    literal = defaulted.replace("query($n: Int = 100)", "query").replace("$n", "100")
    assert error_codes(graphql_post(client, literal)) == ["LIMIT_EXCEEDED"]
    assert error_codes(graphql_post(client, defaulted)) == ["LIMIT_EXCEEDED"]
    # A value sent overrides the default, as execution would see it.
    cheap = graphql_post(client, defaulted, {"n": 2})
    assert "errors" not in cheap, cheap


def _send(port: int, path: str, body: str | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=PROBE_TIMEOUT_S * 6)
    try:
        if body is None:
            connection.request("GET", path)
        else:
            connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_health_answers_while_fan_out_documents_arrive(store: EmbeddedStore) -> None:
    settings = Settings(demo=True, host="127.0.0.1")
    with serving(create_app(settings, store=store)) as port:
        statuses: list[int] = []
        senders = [
            threading.Thread(
                target=lambda i=i: statuses.append(
                    _send(port, "/graphql", json.dumps({"query": fan_out(21, prefix=f"P{i}")}))
                )
            )
            for i in range(20)
        ]
        for sender in senders:
            sender.start()
        probes = []
        for _ in range(10):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=PROBE_TIMEOUT_S)
            connection.request("GET", "/health")
            probes.append(connection.getresponse().status)
            connection.close()
        for sender in senders:
            sender.join()
    assert probes == [200] * 10
    assert statuses == [200] * 20
