"""Issuing a token: the rules a new token must keep beyond what the token file checks."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from graph_service.errors import InvalidInputError
from graph_service.services.access.principal import Role
from graph_service.services.access.tokens import TokenRecord, TokenStore
from graph_service.store import GraphStore


def require_enterprise(store: GraphStore, uid: str) -> None:
    """Raise InvalidInputError unless ``uid`` is an enterprise of the graph."""
    rows = store.read("entity_kinds", {"uids": [uid]})
    if not rows or rows[0]["kind"] != "Enterprise":
        raise InvalidInputError(f"'{uid}' is not an enterprise / 「{uid}」不是企业")


def issue_token(
    tokens: TokenStore,
    role: Role,
    entity: str | None,
    name: str,
    *,
    graph: Callable[[], AbstractContextManager[GraphStore]],
) -> tuple[str, TokenRecord]:
    """A new token (shown once) and its record; a bound entity must be an enterprise.

    ``graph`` opens the store (``with`` closes it); it is called only when there is an
    entity to check, so a token without one is issued with no engine running.
    """
    if entity:
        with graph() as store:
            require_enterprise(store, entity)
    return tokens.create(role, entity, name)
