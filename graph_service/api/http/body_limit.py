"""A cap on the size of request bodies, answered 413 with a GraphQL-style JSON error.

A declared ``Content-Length`` over the cap is refused before anything is read; a body
without one (chunked) is counted as it arrives and refused once it passes the cap, so a
client cannot make the service buffer more than the cap either way.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_service.api.http.errors import send_error


class _TooLarge(Exception):
    """Raised from ``receive`` once the body passes the cap; caught by the middleware."""


class BodySizeLimit:
    """ASGI middleware refusing HTTP request bodies larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name.lower() == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(scope, send)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = (
            f"request body larger than {self.max_bytes} bytes / 请求体超过 {self.max_bytes} 字节"
            f"（GRAPH_SERVICE_MAX_BODY_BYTES）"
        )
        await send_error(send, 413, message, "LIMIT_EXCEEDED", extensions={"maxBytes": self.max_bytes}, scope=scope)
