"""The framework's ceiling: how many light GraphQL requests the same stack serves at best.

``app`` is a trivial strawberry schema on Starlette (one field returning a constant),
served by uvicorn exactly as ``graph-service serve`` serves the product. Throughput of an
entity lookup on the real service, measured by the same clients in the same run beside
this app's, says how much of the stack's ceiling the product keeps.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL

from graph_service.api.http.collector import serving_collector
from graph_service.bench.server import GraphQLClient, free_port

LIGHT = "query($uid: String!) { entity(uid: $uid) { uid kind name region } }"
TRIVIAL = "{ hello }"


@strawberry.type
class _Query:
    @strawberry.field
    def hello(self) -> str:
        return "你好"


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    # The product's process settings too, so that only the app differs.
    with serving_collector():
        yield


app = Starlette(
    routes=[Route("/graphql", GraphQL(strawberry.Schema(query=_Query)), methods=["GET", "POST"])], lifespan=_lifespan
)


@contextlib.contextmanager
def trivial_server() -> Iterator[int]:
    """This module's ``app`` under uvicorn in a subprocess; yields its port once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "graph_service.bench.ceiling:app", "--port", str(port)]
    command += ["--log-level", "warning", "--no-access-log"]
    with tempfile.TemporaryFile() as log, subprocess.Popen(command, stdout=log, stderr=log) as proc:
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError, RuntimeError):
                    GraphQLClient(port).post(TRIVIAL)
                    break
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"the trivial server did not start: {log.read()[-1000:]!r}")
                time.sleep(0.1)
            yield port
        finally:
            proc.terminate()
            proc.wait(timeout=30)
