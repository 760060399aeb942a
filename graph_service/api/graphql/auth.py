"""Who is asking: the bearer token of a GraphQL request, or anonymous where that is allowed.

An ASGI middleware in front of ``/graphql`` sets the acting principal for the request;
the services check it (``services.access.policy``). Without a valid token the request is
answered 401, unless anonymous access is on, which only a demo bound to loopback allows.
GraphiQL's page itself (a GET without a query) holds no data and is served to anyone.

The feeds (``/feeds/…``) take the bearer header too, or the token's feed key in the URL
(``?key=egf_…``, see ``services/access/tokens.py``) for readers that cannot set a header;
the key opens the feeds only. The request log never writes a query string, so the key
stays out of it.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from graph_service.api.http.errors import send_error
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.access.tokens import TokenStore

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
ANONYMOUS = Principal(Role.ANONYMOUS)


def anonymous_allowed(host: str, demo: bool) -> bool:
    return demo and host in LOOPBACK


class Authentication:
    def __init__(
        self,
        app: ASGIApp,
        tokens: TokenStore,
        *,
        anonymous: bool,
        paths: tuple[str, ...] = ("/graphql",),
        feed_paths: tuple[str, ...] = (),
    ):
        self.app = app
        self.tokens = tokens
        self.anonymous = anonymous
        self.paths = (*paths, *feed_paths)
        self.feed_paths = feed_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.paths):
            await self.app(scope, receive, send)
            return
        feed = bool(self.feed_paths) and scope["path"].startswith(self.feed_paths)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        authorization = headers.get("authorization", "")
        principal: Principal | None = None
        if authorization:
            scheme, _, token = authorization.partition(" ")
            principal = self.tokens.verify(token.strip()) if scheme.lower() == "bearer" else None
            if principal is None:
                await _unauthorized(scope, send, "invalid or revoked token / 令牌无效或已吊销")
                return
        elif feed and _feed_key(scope) is not None:
            principal = self.tokens.verify_feed_key(_feed_key(scope) or "")
            if principal is None:
                await _unauthorized(scope, send, "invalid or revoked feed key / 订阅密钥无效或已吊销")
                return
        elif self.anonymous:
            principal = ANONYMOUS
        elif not feed and _is_ide_page(scope):
            await self.app(scope, receive, send)
            return
        else:
            await _unauthorized(scope, send, "a bearer token is required / 需要访问令牌（Authorization: Bearer …）")
            return
        with acting_as(principal):
            await self.app(scope, receive, send)


def _feed_key(scope: Scope) -> str | None:
    keys = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True).get("key")
    return keys[-1] if keys else None


def _is_ide_page(scope: Scope) -> bool:
    return scope["method"] == "GET" and "query" not in parse_qs(scope.get("query_string", b"").decode("latin-1"))


async def _unauthorized(scope: Scope, send: Send, message: str) -> None:
    await send_error(
        send,
        401,
        message,
        "UNAUTHENTICATED",
        headers=((b"www-authenticate", b'Bearer realm="graph-service"'),),
        scope=scope,
    )
