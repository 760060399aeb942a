"""Connections that stall or leave early, on a real uvicorn server with the service's HTTP protocol."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from graph_service.api.app import create_app
from graph_service.api.http.protocol import HeaderTimeoutProtocol
from graph_service.bench.server import free_port
from graph_service.config import Settings
from graph_service.store.embedded import EmbeddedStore

# Guards against a hang, not a measurement.
DEADLINE_S = 30.0


class QuickHeaderTimeout(HeaderTimeoutProtocol):
    header_timeout_s = 0.5


@pytest.fixture
def port(store: EmbeddedStore) -> Iterator[int]:
    chosen = free_port()
    config = uvicorn.Config(
        create_app(Settings(demo=True, host="127.0.0.1"), store=store),
        host="127.0.0.1",
        port=chosen,
        http=QuickHeaderTimeout,
        log_config=None,
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + DEADLINE_S
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    yield chosen
    server.should_exit = True
    thread.join(timeout=DEADLINE_S)


def _closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(DEADLINE_S)
    try:
        return sock.recv(1) == b""
    except (ConnectionResetError, TimeoutError):
        return False


def test_a_connection_that_never_completes_its_headers_is_closed(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        assert _closed_by_server(sock)
    with socket.create_connection(("127.0.0.1", port)) as idle:  # nothing sent at all
        assert _closed_by_server(idle)


def test_a_client_leaving_while_sending_its_body_is_logged_as_such(port: int, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(
                b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000\r\n\r\n" + b'{"query": "{ stats'
            )
            time.sleep(0.2)  # the server is reading the body
        deadline = time.monotonic() + DEADLINE_S
        while "client disconnected while sending its body" not in caplog.text:
            assert time.monotonic() < deadline, caplog.text
            time.sleep(0.05)
    assert "Exception in ASGI application" not in caplog.text
    assert "Traceback" not in caplog.text
