"""The project's own Neo4j (tools/neo4j, built by `make neo4j`), started for a test session or a benchmark.

Neo4j Community 5.26 runs embedded in a small Java launcher with Bolt on a free loopback
port, data in a given directory and a generated password. It stops when the caller's
context ends, and by itself if the caller dies (its standard input closes).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph_service.errors import StoreUnavailableError

LAUNCHER = Path(__file__).resolve().parents[2] / "tools" / "neo4j"
JAR = LAUNCHER / "target" / "local-neo4j-1.0.jar"
CLASSPATH = LAUNCHER / "target" / "classpath.txt"
READY_SECONDS = 180


@dataclass(frozen=True, slots=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    database: str = "neo4j"
    pid: int | None = None  # the JVM's, when this process started it


def missing() -> str | None:
    """Why the local Neo4j cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no Java on this machine: the local Neo4j (tools/neo4j) cannot run"
    if not JAR.exists() or not CLASSPATH.exists():
        return "the local Neo4j is not built: run `make neo4j` (Maven, Java 17)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def local_neo4j(data_dir: Path, *, heap: str = "1g", port: int = 0) -> Iterator[Neo4jServer]:
    """Start the launcher, wait for its ready line, and stop it (SIGTERM, then kill) afterwards.

    ``port`` 0 takes a free one; the password is new at every start (the launcher sets it).
    """
    port, password = port or _free_port(), secrets.token_urlsafe(16)
    classpath = f"{JAR}{os.pathsep}{CLASSPATH.read_text().strip()}"
    log = (data_dir / "neo4j.out").open("w+")
    process = subprocess.Popen(
        ["java", f"-Xmx{heap}", "-cp", classpath, "graphservice.LocalNeo4j", str(port), str(data_dir), password],
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            log.seek(0)
            if "READY bolt://" in log.read():
                break
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise StoreUnavailableError(
                    f"the local Neo4j did not start / 本地 Neo4j 未能启动: {log.read()[-2000:]}"
                )
            time.sleep(0.2)
        yield Neo4jServer(f"bolt://127.0.0.1:{port}", "neo4j", password, pid=process.pid)
    finally:
        if process.stdin is not None:
            process.stdin.close()  # the launcher also stops when this closes
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def connection_env(server: Neo4jServer) -> dict[str, str]:
    """The service's settings for ``server``: what `graph-service` reads to use it."""
    return {
        "GRAPH_SERVICE_ENGINE": "neo4j",
        "NEO4J_URI": server.uri,
        "NEO4J_USER": server.user,
        "NEO4J_PASSWORD": server.password,
        "NEO4J_DATABASE": server.database,
    }


def write_env_file(path: Path, server: Neo4jServer) -> None:
    """``KEY=value`` lines a shell sources (``set -a; . FILE``), readable by the owner only."""
    text = "".join(f"{key}={value}\n" for key, value in connection_env(server).items())
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created private: the password must never sit in a world-readable file, even briefly.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(text)
    path.chmod(0o600)
