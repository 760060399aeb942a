"""``/health`` and ``/ready``: whether the process serves, and whether its engine answers now."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from graph_service.api.http.state import store_of


async def health(request: Request) -> JSONResponse:
    """Liveness: 200 while the process serves, with whether the engine answers."""
    # An engine restart is the supervisor's business, not a reason for an orchestrator to
    # kill the service; /ready tells load balancers.
    store = store_of(request)
    up = await run_in_threadpool(store.ping)
    return JSONResponse({"status": "ok", "engine": store.engine, "engineUp": up})


async def ready(request: Request) -> JSONResponse:
    """Readiness: 200 when the engine answers now, 503 while the supervisor restarts it."""
    store = store_of(request)
    ok = await run_in_threadpool(store.ping)
    body = {"status": "ready" if ok else "unavailable", "engine": store.engine}
    return JSONResponse(body, status_code=200 if ok else 503)


ROUTES = [Route("/health", health), Route("/ready", ready)]
