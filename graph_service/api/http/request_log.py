"""Per-request bookkeeping: a request id, one JSON log line, and the request metrics.

The id comes from the client's ``X-Request-Id`` when it is short and plain (so a caller can
follow one request through its own logs and ours), otherwise a new one; it is returned in
the response header, reaches resolvers through ``scope["state"]`` and appears in error
extensions. The GraphQL app records the operation it ran in the same state.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_service.api.http.metrics import Metrics

access_log = logging.getLogger("graph_service.access")

HEADER = "x-request-id"
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The caller's id when it is plain and short, else a fresh one."""
    for name, value in headers:
        if name.lower() == HEADER.encode():
            text = value.decode("latin-1")
            if _SANE_ID.fullmatch(text):
                return text
    return uuid.uuid4().hex[:16]


def request_id_of(context: object) -> str:
    """The request id the context (a request's state, a resolver's context) carries, or a new one."""
    rid = getattr(context, "request_id", None)
    return rid if isinstance(rid, str) and rid else uuid.uuid4().hex[:16]


def route_of(path: str) -> str:
    """A bounded label for the path (metrics must not grow a series per URL)."""
    if path.startswith("/static/"):
        return "/static"
    return path if path in ("/graphql", "/health", "/ready", "/metrics") else "other"


class RequestLog:
    """ASGI middleware: request id header, one access-log line and metrics per HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id_from(scope.get("headers", []))
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = rid
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (HEADER.encode(), rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_of(str(scope.get("path", "")))
            operation = str(state.get("graphql_operation", ""))
            self.metrics.observe_request(route, operation, status, seconds)
            access_log.info(
                "request",
                extra={
                    "request_id": rid,
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "operation": operation or None,
                    "operation_name": state.get("graphql_operation_name"),
                    "graphql_errors": state.get("graphql_errors", 0),
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                },
            )
