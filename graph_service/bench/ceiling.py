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
import threading
import time
from collections.abc import Iterator
from typing import Any

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL

from graph_service.bench.server import GraphQLClient, free_port
from graph_service.bench.stats import percentile

LIGHT = "query($uid: String!) { entity(uid: $uid) { uid kind name region } }"
TRIVIAL = "{ hello }"


@strawberry.type
class _Query:
    @strawberry.field
    def hello(self) -> str:
        return "你好"


app = Starlette(routes=[Route("/graphql", GraphQL(strawberry.Schema(query=_Query)), methods=["GET", "POST"])])


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


def hammer(
    port: int, query: str, variables: list[dict[str, Any]], clients: int, seconds: float, token: str | None = None
) -> dict[str, float]:
    """``clients`` keep-alive connections posting ``query`` for ``seconds``: throughput and latency."""
    stop = threading.Event()
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients

    def work(i: int) -> None:
        client = GraphQLClient(port, token)
        try:
            n = i
            while not stop.is_set():
                n += 1
                started = time.perf_counter()
                try:
                    client.post(query, variables[n % len(variables)] if variables else None)
                except (OSError, RuntimeError, ValueError):
                    errors[i] += 1
                    continue
                latencies[i].append(time.perf_counter() - started)
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.perf_counter() - started
    ms = [s * 1000 for lat in latencies for s in lat]
    return {
        "requests": len(ms),
        "per_s": round(len(ms) / elapsed, 1),
        "p50_ms": round(percentile(ms, 0.50), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "errors": sum(errors),
    }
