"""uvicorn's HTTP/1.1 protocol with a header-read timeout.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``, but a
connection that opens and never completes its request headers (half-open, or sending a
byte at a time) is held for ever: enough of them exhaust the server's descriptors. Here
a timer is armed when the connection is made and disarmed when the first request's
headers are complete; when it fires first, the connection is closed.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0


class HeaderTimeoutProtocol(H11Protocol):
    header_timeout_s = HEADER_TIMEOUT_S
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None:  # a request's headers are in: the rest is uvicorn's
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is None and not self.transport.is_closing():
            self.transport.close()
