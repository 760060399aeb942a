"""Test clients of the app that present a token of a given role (admin unless said)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.services.access.principal import Role
from graph_service.services.access.tokens import TokenStore
from graph_service.store import GraphStore


def api_client(
    settings: Settings | None = None,
    *,
    store: GraphStore,
    role: Role | None = Role.ADMIN,
    entity: str | None = None,
    **app_options: Any,
) -> TestClient:
    """A TestClient whose requests carry a fresh ``role`` token (none when ``role`` is None).

    Enter it (``with api_client(...) as client``): the app's lifespan hands requests the store.
    """
    tokens = TokenStore(Path(tempfile.mkdtemp(prefix="tokens-")) / "tokens.json")
    headers = {}
    if role is not None:
        token, _ = tokens.create(role, entity)
        headers["Authorization"] = f"Bearer {token}"
    return TestClient(create_app(settings, store=store, tokens=tokens, **app_options), headers=headers)


def graphql_post(client: TestClient, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST a document; the body of a 200 answer (the test fails on any other status)."""
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_codes(body: dict[str, Any]) -> list[str]:
    """The ``extensions.code`` of each error in a GraphQL answer."""
    return [e["extensions"]["code"] for e in body.get("errors", [])]
