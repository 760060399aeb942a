"""A real ``graph-service serve`` in a subprocess, and small clients for it (fault tests)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

from graph_service.bench.server import free_port

# Guards against a hang, not a measurement: generous on a loaded two-core machine.
DEADLINE_S = 90.0


def wait_for(condition: Callable[[], bool], what: str, deadline_s: float = DEADLINE_S) -> None:
    end = time.monotonic() + deadline_s
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def graph_service(data_dir: Path, *args: str) -> str:
    """Run the command line on ``data_dir``; its stdout (fails the test on a non-zero exit)."""
    done = subprocess.run(
        [sys.executable, "-m", "graph_service.cli.main", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"graph-service {' '.join(args)} failed: {done.stderr[-2000:]}"
    return done.stdout


def engine_pid(data_dir: Path) -> int:
    return int((data_dir / "engine.pid").read_text().strip())


def manager_token(data_dir: Path) -> str:
    """A fresh manager token for ``data_dir``'s service (the command prints it last)."""
    out = graph_service(data_dir, "token", "create", "--role", "manager", "--name", "fault tests")
    return out.strip().splitlines()[-1]


def request(
    port: int,
    method: str,
    path: str,
    body: str | None = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = dict(headers or {})
        if body is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    except http.client.HTTPException as exc:
        raise ConnectionError(str(exc)) from exc
    finally:
        connection.close()


def graphql(port: int, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> dict[str, Any]:
    """POST a GraphQL document; OSError when the service did not answer with 200."""
    document = json.dumps({"query": query, "variables": variables or {}})
    status, payload, _ = request(port, "POST", "/graphql", document, token)
    if status != 200:
        raise ConnectionError(f"HTTP {status}")
    body: dict[str, Any] = json.loads(payload)
    return body


def ready(port: int) -> bool:
    try:
        return request(port, "GET", "/ready")[0] == 200
    except OSError:
        return False


class ServiceProcess:
    """``graph-service serve`` on ``data_dir``; restartable on the same port after a kill."""

    def __init__(self, data_dir: Path, *serve_args: str) -> None:
        self.data_dir = data_dir
        self.serve_args = serve_args
        self.port = free_port()
        self.token = manager_token(data_dir)
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir.parent / "service.log"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "graph_service.cli.main",
                    "--data-dir",
                    str(self.data_dir),
                    "serve",
                    "--port",
                    str(self.port),
                    *self.serve_args,
                ],
                stdout=log,
                stderr=log,
                env={**os.environ, "GRAPH_SERVICE_FSYNC": os.environ.get("GRAPH_SERVICE_FSYNC", "everysec")},
            )
        proc = self.proc
        wait_for(lambda: proc.poll() is not None or ready(self.port), "the service to become ready")
        assert proc.poll() is None, f"the service exited: {self.log.read_text()[-2000:]}"

    def kill(self) -> None:
        """SIGKILL the service alone: its engine, in its own session, lives on as an orphan."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


class BackgroundWriter:
    """A thread writing to a service until stopped; subclasses say what ``write`` does.

    Conditions made by ``until`` raise the writer's failure instead of waiting it out, and
    leaving the ``with`` block raises it too.
    """

    def __init__(self, service: ServiceProcess) -> None:
        self.service = service
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def write(self, stop: threading.Event) -> None:
        raise NotImplementedError

    def _run(self) -> None:
        try:
            self.write(self._stop)
        except BaseException as exc:
            self.error = exc

    def until(self, done: Callable[[], bool]) -> Callable[[], bool]:
        def reached() -> bool:
            if self.error is not None:
                raise AssertionError(f"the writer failed: {self.error}") from self.error
            return done()

        return reached

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        """Stop the writer; its failure fails the test, even one whose checks never asked for it."""
        self._stop.set()
        self._thread.join(timeout=60)
        problem = None
        if self._thread.is_alive():
            problem = "the writer did not stop within 60 s"
        elif self.error is not None:
            problem = f"the writer failed: {self.error!r}"
        if problem is None:
            return
        if exc is not None:
            exc.add_note(problem)  # the test's own failure stays the one raised
            return
        raise AssertionError(problem) from self.error
