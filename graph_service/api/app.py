"""The Starlette application: the explorer at /, GraphQL at /graphql, /health and /ready (``http.health``), /metrics.

Also /feeds/changes.atom and .json (``workflow.feeds``), /vocabulary.json (what each recorded code is
called) and /templates/{kind}.xlsx (import templates), both ontology facts served to anyone.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from functools import cache
from typing import Any

import strawberry
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult, SubscriptionExecutionResult

from graph_service.api.graphql.auth import Authentication, anonymous_allowed
from graph_service.api.graphql.context import RequestContext
from graph_service.api.graphql.errors import classify
from graph_service.api.graphql.examples import EXAMPLES
from graph_service.api.graphql.operation import CACHED_LENGTH, operation_count, operation_label, root_fields
from graph_service.api.graphql.rate_limit import RateLimiter
from graph_service.api.http import bookmarks, health
from graph_service.api.http.body_limit import BodySizeLimit
from graph_service.api.http.collector import serving_collector
from graph_service.api.http.errors import (
    GRAPHQL_RESPONSE,
    error_response,
    is_request_error,
    parameter_problem,
    wants_graphql_response,
)
from graph_service.api.http.log_format import use_json_logs
from graph_service.api.http.metrics import Metrics
from graph_service.api.http.request_log import RequestLog, request_id_of
from graph_service.api.http.state import AppState, store_of
from graph_service.api.http.sweeper import sweeping
from graph_service.api.schema import build_schema
from graph_service.api.workflow import feeds
from graph_service.config import Settings
from graph_service.errors import NotFoundError
from graph_service.ontology.vocabulary import vocabulary
from graph_service.services.access.tokens import TokenStore
from graph_service.services.ingest.template import MEDIA_TYPE as TEMPLATE_MEDIA_TYPE
from graph_service.services.ingest.template import file_name as template_file_name
from graph_service.services.ingest.template import parse_subject, template_bytes
from graph_service.services.match.weights import operator_weights
from graph_service.store import GraphStore
from graph_service.store.factory import open_store
from graph_service.web.explorer import explorer_page
from graph_service.web.graphiql import STATIC_DIR, graphiql_page

log = logging.getLogger(__name__)


class GraphQLApp(GraphQL[RequestContext, None]):
    """strawberry's ASGI app with our typed context; each request runs with the operator's weights."""

    def __init__(self, schema: strawberry.Schema, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self._weights = weights
        self._root_fields = root_fields(schema)

    async def execute_operation(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: RequestContext,
        root_value: None,
        sub_response: Response,
    ) -> ExecutionResult | list[ExecutionResult] | SubscriptionExecutionResult:
        if not isinstance(request_data, list):
            # Read by the request log: one label per operation, bounded by the schema.
            request.state.graphql_operation = operation_label(
                request_data.query, request_data.operation_name, self._root_fields
            )
            if isinstance(request_data.operation_name, str):
                request.state.graphql_operation_name = request_data.operation_name[:64]
            elif (
                request_data.query
                and len(request_data.query) <= CACHED_LENGTH
                and operation_count(request_data.query) > 1
            ):
                # strawberry would run the first; the spec makes it a request error.
                raise HTTPException(
                    400,
                    "the document holds several operations; name the one to run in operationName "
                    "/ 文档含多个操作，请用 operationName 指定要执行的操作",
                )
        try:
            result = await super().execute_operation(
                request=request,
                request_adapter=request_adapter,
                request_data=request_data,
                context=context,
                root_value=root_value,
                sub_response=sub_response,
            )
            request.state.graphql_errors = len(getattr(result, "errors", None) or [])
            return result
        except HTTPException as exc:
            # GraphQL over HTTP: an operation type the method may not carry is 405, not 400.
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc
            raise

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Resolvers' threads copy this context, so the recommender sees the weights too.
        with operator_weights(self._weights):
            await self._answer(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        store = store_of(request)
        try:
            await bookmarks.catch_up(store, bookmarks.requested(request))
            response = await self.run(request)
        except HTTPException as exc:
            response = error_response(request, exc.status_code, exc.reason, request_id_of(request.state))
        except ClientDisconnect:
            # The client left while sending its body: nobody reads an answer, and it is not our failure.
            log.info("request %s: client disconnected while sending its body", request_id_of(request.state))
            return
        else:
            if wants_graphql_response(request) and response.media_type == "application/json":
                response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
                if getattr(request.state, "graphql_request_error", False):
                    response.status_code = 400
            bookmarks.attach(response, store)
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        # strawberry answers 400 only for JSONDecodeError; invalid UTF-8 and nesting past
        # the recursion limit raise other errors, which would be 500s.
        try:
            parsed = super().parse_json(data)
        except (UnicodeDecodeError, RecursionError) as exc:
            raise HTTPException(400, "Unable to parse request body as JSON / 请求体不是有效的 JSON") from exc
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, "The request body must be a JSON object / 请求体须为 JSON 对象")
        for params in parsed if isinstance(parsed, list) else [parsed]:
            problem = parameter_problem(params) if isinstance(params, dict) else None
            if problem is not None:
                raise HTTPException(400, problem)
        return parsed

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        # A syntax error raised inside a parsing extension (the parser cache, the token
        # limit) leaves strawberry's operation hook before ErrorCodes sees it: code it here.
        if result.errors and any("code" not in (e.extensions or {}) for e in result.errors):
            rid = request_id_of(request.state)
            result.errors = [e if "code" in (e.extensions or {}) else classify(e, rid) for e in result.errors]
        processed = await super().process_result(request, result)
        if wants_graphql_response(request) and is_request_error(result.errors, result.data is not None):
            # A request error under application/graphql-response+json: status 400 and no data entry.
            request.state.graphql_request_error = True
            processed.pop("data", None)
        return processed

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(_graphiql())

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> RequestContext:
        store = store_of(request)
        rid = getattr(request.state, "request_id", None) if isinstance(request, Request) else None
        if isinstance(rid, str):
            return RequestContext(store=store, request=request, response=response, request_id=rid)
        return RequestContext(store=store, request=request, response=response)


@cache
def _graphiql() -> str:
    """The GraphiQL page with each example query open as a tab."""
    return graphiql_page([{"query": f"# {e.title}\n{e.query.strip()}\n", "variables": e.variables} for e in EXAMPLES])


def create_app(
    settings: Settings | None = None,
    store: GraphStore | None = None,
    *,
    close_store: bool = False,
    tokens: TokenStore | None = None,
    attach: bool = False,
) -> Starlette:
    """The app; it opens the store at start-up unless one is given (tests pass their own).

    The app closes a store it opened, or a given one with ``close_store``, at shutdown:
    uvicorn re-raises SIGTERM after shutdown, so code after ``uvicorn.run`` never runs.
    With ``attach`` the store it opens uses an engine another process runs (a worker's).
    """
    settings = settings or Settings.from_env()
    metrics = Metrics()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        # Starlette hands this state to every request (request.state.store).
        current = store if store is not None else open_store(settings, attach=attach)
        owned = current if store is None or close_store else None
        try:
            with serving_collector(), metrics.watching_engine(current):
                async with sweeping(current, settings.workflow_sweep_seconds):
                    yield AppState(store=current)
        finally:
            if owned is not None:
                owned.close()

    limiter = RateLimiter(settings.rate_capacity, settings.rate_refill_per_second)
    graphql = GraphQLApp(build_schema(settings, limiter), settings.weights)
    authentication = Middleware(
        Authentication,
        tokens=tokens or TokenStore(settings.token_path),
        anonymous=anonymous_allowed(settings.host, settings.demo),
        feed_paths=feeds.FEED_PATHS,
    )

    async def explorer(request: Request) -> HTMLResponse:
        return HTMLResponse(explorer_page())

    async def vocabulary_names(request: Request) -> JSONResponse:
        # Ontology facts, the same for every caller: no identity needed, long cached.
        return JSONResponse(vocabulary(), headers={"Cache-Control": "max-age=3600"})

    async def template(request: Request) -> Response:
        # Like the vocabulary, a template holds only ontology facts: no identity needed.
        try:
            subject = parse_subject(request.path_params["kind"])
        except NotFoundError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        body = await run_in_threadpool(template_bytes, subject)
        disposition = f'attachment; filename="{template_file_name(subject)}"'
        return Response(
            body,
            media_type=TEMPLATE_MEDIA_TYPE,
            headers={"Content-Disposition": disposition, "Cache-Control": "max-age=3600"},
        )

    routes = [
        Route("/", explorer),
        Route("/vocabulary.json", vocabulary_names),
        Route("/templates/{kind}.xlsx", template),
        *health.ROUTES,
        *feeds.ROUTES,
        Route("/metrics", metrics.endpoint),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(RequestLog, metrics=metrics),
            # Before authentication: an oversized body is refused unread, whoever sends it.
            Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
            authentication,
        ],
    )


def create_worker_app() -> Starlette:
    """The app of one worker; uvicorn calls this in each worker process (``serve_workers``)."""
    # The parent's settings, passed whole: a worker serves exactly what the parent was asked for.
    settings = Settings.handed_down()
    use_json_logs()
    return create_app(settings, attach=True)
