"""GraphQL limits and error codes over HTTP, on the real engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph_service.api.graphql.limits import alias_limit, depth_limit
from graph_service.config import Settings
from graph_service.errors import QueryError, StoreUnavailableError
from graph_service.store.embedded import EmbeddedStore
from tests.api_client import api_client, error_codes, graphql_post


def _client(store: EmbeddedStore, **settings: object) -> TestClient:
    return api_client(Settings(**settings), store=store)  # type: ignore[arg-type]


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with _client(store) as test_client:
        yield test_client


# Below ``entity``: Scientist.societies.edges.node, then Society.members.edges.node, and round again.
_HOPS = ["societies(first: 1)", "edges", "node", "members(first: 1)", "edges", "node"]
_ON = {0: "Scientist", 3: "Society"}


_LEAF = {"societies(first: 1)": "totalCount", "members(first: 1)": "totalCount", "edges": "cursor", "node": "uid"}


def at_depth(depth: int) -> str:
    """A document ``depth`` selection sets deep (``entity`` is the first), as the depth limit counts them."""
    hops = [_HOPS[i % len(_HOPS)] for i in range(depth - 1)]
    inner = _LEAF[hops[-1]] if hops else "uid"
    for i in reversed(range(len(hops))):
        inner = f"{hops[i]} {{ {inner} }}"
        if i % len(_HOPS) in _ON:
            inner = f"... on {_ON[i % len(_HOPS)]} {{ {inner} }}"
    return '{ entity(uid: "x") { ' + inner + " } }"


def with_aliases(count: int) -> str:
    return "{ " + " ".join(f'a{i}: entity(uid: "x{i}") {{ uid }}' for i in range(count)) + " }"


def with_tokens(count: int) -> str:
    """A document of exactly ``count`` lexical tokens: 15 around a list of ``count - 15`` kinds."""
    kinds = " ".join(["SCIENTIST"] * (count - 15))
    return '{ search(text: "gaoxin", kinds: [' + kinds + "]) { score } }"


LIMITS = Settings()


@pytest.mark.parametrize(
    ("document", "codes"),
    [
        (at_depth(LIMITS.max_depth), []),
        (at_depth(LIMITS.max_depth + 1), ["GRAPHQL_VALIDATION_FAILED"]),
        (with_aliases(LIMITS.max_aliases), []),
        (with_aliases(LIMITS.max_aliases + 1), ["GRAPHQL_VALIDATION_FAILED"]),
        (with_tokens(LIMITS.max_tokens), []),
        (with_tokens(LIMITS.max_tokens + 1), ["GRAPHQL_VALIDATION_FAILED"]),
    ],
    ids=["depth", "depth+1", "aliases", "aliases+1", "tokens", "tokens+1"],
)
def test_each_limit_holds_at_its_value_and_refuses_one_more(
    client: TestClient, document: str, codes: list[str]
) -> None:
    body = graphql_post(client, document)
    assert error_codes(body) == codes, body.get("errors")


def test_the_documented_limits() -> None:
    # The boundaries above follow the settings; these are the values the README promises.
    assert (LIMITS.max_depth, LIMITS.max_aliases, LIMITS.max_tokens) == (12, 20, 5_000)


@pytest.mark.parametrize("name", ["max_depth", "max_aliases", "max_tokens"])
def test_a_limit_follows_its_setting(store: EmbeddedStore, name: str) -> None:
    document = {"max_depth": at_depth(6), "max_aliases": with_aliases(6), "max_tokens": with_tokens(60)}[name]
    allowed = {"max_depth": 6, "max_aliases": 6, "max_tokens": 60}[name]
    with _client(store, **{name: allowed}) as client:
        assert error_codes(graphql_post(client, document)) == []
    with _client(store, **{name: allowed - 1}) as client:
        assert error_codes(graphql_post(client, document)) == ["GRAPHQL_VALIDATION_FAILED"]


def test_cost_limit_counts_pages_through_variables_and_fragments(client: TestClient) -> None:
    query = """
    query($n: Int!) { entities(kind: SOCIETY, first: $n) { edges { node { ...M } } } }
    fragment M on Society { members(first: 100) { edges { node { uid name } } } }
    """
    body = graphql_post(client, query, {"n": 100})
    assert error_codes(body) == ["LIMIT_EXCEEDED"]
    assert "cost" in body["errors"][0]["message"]
    cheap = graphql_post(client, query, {"n": 1})
    assert "errors" not in cheap
    assert cheap["extensions"]["cost"]["requested"] > 100


def test_page_size_is_capped(client: TestClient) -> None:
    body = graphql_post(client, "{ entities(kind: SCIENTIST, first: 101) { totalCount } }")
    assert error_codes(body) == ["LIMIT_EXCEEDED"]


def test_mutation_over_get_is_refused(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": 'mutation { deleteEntity(uid: "x") { __typename } }'})
    assert response.status_code == 405


def test_unexpected_errors_are_masked_with_a_request_id(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise QueryError("engine says: secret internals at line 3")

    monkeypatch.setattr("graph_service.services.explore.entities.list_entities", broken)
    body = graphql_post(client, "{ entities(kind: SCIENTIST) { totalCount } }")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL"
    assert "secret" not in str(body)
    assert error["extensions"]["requestId"] in error["message"]


def test_introspection_and_suggestions_can_be_switched_off(store: EmbeddedStore) -> None:
    with _client(store, introspection=False, field_suggestions=False) as client:
        body = graphql_post(client, "{ __schema { types { name } } }")
        assert "introspection" in str(body["errors"]).lower()
        typo = graphql_post(client, '{ entty(uid: "x") { uid } }')
        assert "Did you mean" not in str(typo)
    with _client(store) as client:
        assert "errors" not in graphql_post(client, "{ __schema { queryType { name } } }")
        assert "Did you mean" in str(graphql_post(client, '{ entty(uid: "x") { uid } }'))


def test_graphiql_is_served_from_vendored_assets(client: TestClient) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "/static/vendor/graphiql.min.js" in page.text
    assert "http" not in page.text.split('<script id="examples"')[0].replace("http-equiv", "")
    assert client.get("/static/vendor/graphiql.min.js").status_code == 200


def test_engine_outage_is_reported_as_store_unavailable(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*args: object, **kwargs: object) -> object:
        raise StoreUnavailableError("socket closed")

    monkeypatch.setattr("graph_service.services.explore.search.search", down)
    body = graphql_post(client, '{ search(text: "高新") { score } }')
    error = body["errors"][0]
    assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
    assert "socket" not in error["message"]


def test_ready_is_503_when_the_engine_does_not_answer(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EmbeddedStore, "ping", lambda self: False)
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    # Still alive: the supervisor restarts the engine; killing the service would not help.
    alive = client.get("/health")
    assert alive.status_code == 200
    assert alive.json()["engineUp"] is False


def test_each_shared_limiter_is_named_after_the_one_it_shares() -> None:
    # The name is what a validation error's traceback and the cache's keys show.
    assert depth_limit(3).__name__ == "SharedQueryDepthLimiter"
    assert alias_limit(3).__qualname__ == "SharedMaxAliasesLimiter"
