"""What the app's lifespan hands every request: the store, opened (or given) once at start-up."""

from __future__ import annotations

from typing import TypedDict

from starlette.requests import HTTPConnection

from graph_service.store import GraphStore


class AppState(TypedDict):
    """The lifespan's state; Starlette copies it into each request's ``request.state``."""

    store: GraphStore


def store_of(connection: HTTPConnection) -> GraphStore:
    """The store this request's state carries from the lifespan."""
    store: GraphStore | None = getattr(connection.state, "store", None)
    if store is None:
        # Only a test client that was never entered (``with TestClient(app)``) gets here.
        raise RuntimeError("the app's lifespan has not run, so no store is open")
    return store
