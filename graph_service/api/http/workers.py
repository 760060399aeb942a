"""Several service workers on one engine.

The parent process owns the embedded engine: it starts it, restarts it when it dies and
stops it last. Each worker is a process of its own that attaches to that engine (or
opens its own Neo4j driver) and serves requests on the shared port; it builds its app
with the factory the caller names (``api.app.create_worker_app``). Workers keep no
state that must agree: tokens are re-read from their file when it changes, and cached
reports carry the store's version token, which every write moves for every worker.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp
from uvicorn.supervisors import Multiprocess

from graph_service.api.http.protocol import HeaderTimeoutProtocol
from graph_service.config import Settings


def listening_socket(config: uvicorn.Config) -> socket.socket:
    """The socket every worker accepts on, with Nagle's algorithm off for what it accepts.

    uvicorn binds it without naming TCP as its protocol, and asyncio then leaves Nagle's
    algorithm on for each connection: every keep-alive response waited for the client's
    delayed ACK, 44 ms instead of 1.3 ms. Accepted connections inherit TCP_NODELAY from the
    listening socket.
    """
    sock = config.bind_socket()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def serve_workers(settings: Settings, create_worker_app: Callable[[], ASGIApp]) -> None:
    """Serve with ``settings.workers`` processes until a signal stops them (uvicorn supervises them).

    Each worker process imports ``create_worker_app`` by name and calls it for its app.
    """
    settings.hand_down()
    config = uvicorn.Config(
        f"{create_worker_app.__module__}:{create_worker_app.__qualname__}",
        factory=True,
        workers=settings.workers,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        http=HeaderTimeoutProtocol,
    )
    sock = listening_socket(config)
    Multiprocess(config, sockets=[sock]).run()
