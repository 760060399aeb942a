"""The foundation's HTTP surface: /health and /graphql entity lookups, on the real engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph_service.ontology import EntityKind
from graph_service.store.embedded import EmbeddedStore
from tests.api_client import api_client


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    rows = [
        {
            "uid": f"sci:{i:02d}",
            "kind": "Scientist",
            "now": "t",
            "fingerprint": str(i),
            "props": {"uid": f"sci:{i:02d}", "name": f"学者{i}", "region": "成都市"},
        }
        for i in range(5)
    ]
    store.write_batches("entity_upsert", rows, key=lambda r: r["uid"], slots={"kind": EntityKind.SCIENTIST})
    with api_client(store=store) as test_client:
        yield test_client


def test_health_reports_the_engine(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "engine": "falkordb", "engineUp": True}


def test_entity_by_uid(client: TestClient) -> None:
    query = '{ entity(uid: "sci:03") { uid kind name region synthetic } }'
    response = client.post("/graphql", json={"query": query})
    assert response.json()["data"] == {
        "entity": {"uid": "sci:03", "kind": "SCIENTIST", "name": "学者3", "region": "成都市", "synthetic": False}
    }


def test_missing_entity_is_null(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": '{ entity(uid: "nope") { uid } }'})
    assert response.json()["data"] == {"entity": None}


def test_entities_are_paged_with_cursors(client: TestClient) -> None:
    query = """query($after: String) { entities(kind: SCIENTIST, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { uid } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = client.post("/graphql", json={"query": query, "variables": {"after": after}}).json()["data"]["entities"]
        assert page["totalCount"] == 5
        seen += [edge["node"]["uid"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"sci:{i:02d}" for i in range(5)]
