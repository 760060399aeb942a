"""Managers' mutations over HTTP on the real engine: success, rejection, nothing half-written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.services.stats import graph_stats
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem
from tests.api_client import api_client

pytestmark = pytest.mark.both_engines

UPSERT = """mutation($input: EntityInput!) { upsertEntity(input: $input) {
  __typename ... on EntityPayload { entity { uid name region ... on Enterprise { specialised } } }
  ... on InvalidInput { code message problems { field message } } } }"""
LINK = """mutation($input: LinkInput!) { link(input: $input) {
  __typename ... on Done { changed } ... on InvalidInput { code message problems { field message } } } }"""
UNLINK = """mutation($input: LinkInput!) { unlink(input: $input) { __typename ... on Done { changed } } }"""
DELETE = """mutation($uid: String!) { deleteEntity(uid: $uid) { __typename ... on Done { changed }
  ... on InvalidInput { code message } ... on NotFound { code message uid } } }"""


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    ecosystem.build(store)
    with api_client(store=store) as test_client:
        yield test_client


def run(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in body, body
    return dict(next(iter(body["data"].values())))


def test_upsert_creates_then_updates_keeping_other_properties(client: TestClient) -> None:
    created = run(
        client,
        UPSERT,
        input={
            "kind": "ENTERPRISE",
            "uid": "ent:new",
            "name": "新企业",
            "properties": {"region": "成都市", "specialised": "是"},
        },
    )
    assert created == {
        "__typename": "EntityPayload",
        "entity": {"uid": "ent:new", "name": "新企业", "region": "成都市", "specialised": True},
    }
    updated = run(client, UPSERT, input={"kind": "ENTERPRISE", "uid": "ent:new", "properties": {"region": "高新区"}})
    assert updated["entity"] == {"uid": "ent:new", "name": "新企业", "region": "高新区", "specialised": True}


@pytest.mark.parametrize(
    ("entity_input", "field"),
    [
        ({"kind": "ENTERPRISE", "uid": "ent:bad", "name": "x", "properties": {"employees": "many"}}, "employees"),
        ({"kind": "ENTERPRISE", "uid": "ent:bad", "properties": {}}, "name"),
        ({"kind": "ENTERPRISE", "uid": "bad uid!", "name": "x"}, "uid"),
        ({"kind": "ENTERPRISE", "uid": "ent:bad", "name": "x", "properties": {"colour": "red"}}, "colour"),
        ({"kind": "SOCIETY", "uid": "ent:x", "name": "x"}, "kind"),
    ],
)
def test_invalid_entities_are_rejected_field_by_field(
    client: TestClient, store: EmbeddedStore, entity_input: dict[str, Any], field: str
) -> None:
    before = graph_stats(store)
    result = run(client, UPSERT, input=entity_input)
    assert result["__typename"] == "InvalidInput"
    assert result["code"] == "INVALID_INPUT"
    assert field in [p["field"] for p in result["problems"]]
    assert graph_stats(store) == before


def test_link_and_unlink(client: TestClient, store: EmbeddedStore) -> None:
    edge = {"type": "MEMBER_OF", "source": "sci:c", "target": "soc:elec", "properties": {"since": 2024}}
    assert run(client, LINK, input=edge) == {"__typename": "Done", "changed": True}
    assert graph_stats(store).relations["MEMBER_OF"] == 4
    assert run(client, UNLINK, input=edge) == {"__typename": "Done", "changed": True}
    assert run(client, UNLINK, input=edge) == {"__typename": "Done", "changed": False}
    assert graph_stats(store).relations["MEMBER_OF"] == 3


def test_link_between_kinds_the_ontology_forbids_says_what_it_allows(client: TestClient, store: EmbeddedStore) -> None:
    before = graph_stats(store)
    result = run(client, LINK, input={"type": "INVESTED_IN", "source": "sci:a", "target": "ent:x"})
    assert result["__typename"] == "InvalidInput"
    assert "(Investor) -[INVESTED_IN]-> (Enterprise)" in result["message"]
    missing = run(client, LINK, input={"type": "MEMBER_OF", "source": "sci:a", "target": "soc:nope"})
    assert [p["field"] for p in missing["problems"]] == ["target"]
    bad_prop = run(
        client,
        LINK,
        input={"type": "MEMBER_OF", "source": "sci:c", "target": "soc:elec", "properties": {"since": 1066}},
    )
    assert [p["field"] for p in bad_prop["problems"]] == ["since"]
    assert graph_stats(store) == before


def test_delete_entity_removes_its_relationships(client: TestClient, store: EmbeddedStore) -> None:
    before = graph_stats(store)
    assert run(client, DELETE, uid="sci:b") == {"__typename": "Done", "changed": True}
    after = graph_stats(store)
    assert after.entity_total == before.entity_total - 1
    assert after.relations["MEMBER_OF"] == before.relations["MEMBER_OF"] - 1
    assert "COLLABORATED_WITH" not in after.relations
    assert run(client, DELETE, uid="sci:b") == {
        "__typename": "NotFound",
        "code": "NOT_FOUND",
        "message": "no entity with uid 'sci:b' / 不存在标识为「sci:b」的实体",
        "uid": "sci:b",
    }


def test_deleting_an_unknown_uid_is_not_found_and_changes_nothing(client: TestClient, store: EmbeddedStore) -> None:
    before = graph_stats(store)
    response = client.post("/graphql", json={"query": DELETE, "variables": {"uid": "sci:nobody"}})
    assert response.status_code == 200
    body = response.json()
    # An expected outcome, answered in the result type: no GraphQL error.
    assert "errors" not in body, body
    assert body["data"]["deleteEntity"] == {
        "__typename": "NotFound",
        "code": "NOT_FOUND",
        "message": "no entity with uid 'sci:nobody' / 不存在标识为「sci:nobody」的实体",
        "uid": "sci:nobody",
    }
    assert graph_stats(store) == before
