"""The Starlette application: the explorer at /, GraphQL at /graphql, health at /health."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import strawberry
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.schema.exceptions import InvalidOperationTypeError

from graph_service.api.context import RequestContext
from graph_service.api.schema import build_schema
from graph_service.config import Settings
from graph_service.store import GraphStore
from graph_service.store.factory import open_store
from graph_service.web.explorer import explorer_page
from graph_service.web.graphiql import STATIC_DIR, graphiql_page

log = logging.getLogger(__name__)


class GraphQLApp(GraphQL[RequestContext, None]):
    """strawberry's ASGI app with our typed context."""

    def __init__(self, store_holder: dict[str, GraphStore], schema: strawberry.Schema) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self._holder = store_holder

    async def execute_operation(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().execute_operation(request, *args, **kwargs)
        except HTTPException as exc:
            # GraphQL over HTTP: an operation type the method may not carry is 405, not 400.
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc
            raise

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(graphiql_page())

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> RequestContext:
        return RequestContext(store=self._holder["store"], request=request, response=response)


def create_app(
    settings: Settings | None = None, store: GraphStore | None = None, *, close_store: bool = False
) -> Starlette:
    """The app; it opens the store at start-up unless one is given (tests pass their own).

    The app closes a store it opened, or a given one with ``close_store``, at shutdown:
    uvicorn re-raises SIGTERM after shutdown, so code after ``uvicorn.run`` never runs.
    """
    settings = settings or Settings.from_env()
    holder: dict[str, GraphStore] = {}
    if store is not None:
        holder["store"] = store

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = holder["store"] if close_store and "store" in holder else None
        if "store" not in holder:
            owned = open_store(settings)
            holder["store"] = owned
        try:
            yield
        finally:
            if owned is not None:
                owned.close()

    async def health(request: Request) -> JSONResponse:
        current = holder.get("store")
        ok = current is not None and current.ping()
        body: dict[str, Any] = {"status": "ok" if ok else "unavailable", "engine": current.engine if current else None}
        return JSONResponse(body, status_code=200 if ok else 503)

    graphql = GraphQLApp(holder, build_schema(settings))

    async def explorer(request: Request) -> HTMLResponse:
        return HTMLResponse(explorer_page())

    routes = [
        Route("/", explorer),
        Route("/health", health),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
