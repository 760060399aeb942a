"""One engine process and the client connection to it, shared by every graph on it."""

from __future__ import annotations

import atexit
import contextlib
import logging
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, LiteralString

import redis
from falkordb import FalkorDB
from falkordb.helpers import stringify_param_value

from graph_service.errors import DuplicateKeyError, QueryError, StoreError, StoreUnavailableError
from graph_service.store.embedded.engine import EngineProcess
from graph_service.store.embedded.results import rows_of
from graph_service.store.protocol import Row

log = logging.getLogger(__name__)

_ATTEMPTS = 4


class PreparedQuery:
    """Query text with its parameters rendered in front, as the client sends them.

    Rendering a batch of rows is most of the client's work on a bulk write; done ahead,
    it overlaps the engine's work on the batch before. Only our query text and
    parameters go in, so no request text ever becomes query text.
    """

    __slots__ = ("command",)

    def __init__(self, text: LiteralString, params: Mapping[str, Any]) -> None:
        header = "".join(f"`{name}`={stringify_param_value(value)} " for name, value in params.items())
        self.command = f"CYPHER {header}{text}"


def query_error(exc: redis.ResponseError, timeout_ms: int) -> QueryError:
    message = str(exc)
    if "timed out" in message.lower():
        return QueryError(f"query timed out after {timeout_ms} ms / 查询超时")
    if "unique constraint violation" in message:
        return DuplicateKeyError(message)
    return QueryError(message)


class EngineConnection:
    """Runs query text on a graph of the engine, restarting the engine when it dies.

    Every query the project writes is idempotent (MERGE by ``uid``) or a bulk create whose
    repetition the uid constraint refuses (the writer then upserts that batch), so a query
    whose connection broke because the engine died is sent again once the engine is back. A
    background thread restarts a dead engine even when no request is waiting.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        fsync: str = "everysec",
        query_timeout_ms: int = 30_000,
        supervise: bool = True,
        attach: bool = False,
    ) -> None:
        self.query_timeout_ms = query_timeout_ms
        self.process = EngineProcess(data_dir, fsync=fsync)
        self.process.start(attach=attach)
        # A script that ends, even by an exception, without closing still stops its engine.
        atexit.register(self.close)
        supervise = supervise and not self.process.attached
        self._db = self._connect()
        self._closed = threading.Event()
        self._watcher: threading.Thread | None = None
        if supervise:
            self._watcher = threading.Thread(target=self._watch, name="engine-supervisor", daemon=True)
            self._watcher.start()

    def _connect(self) -> FalkorDB:
        return FalkorDB(unix_socket_path=str(self.process.socket_path))

    def _watch(self) -> None:
        while not self._closed.wait(0.25):
            try:
                self.process.ensure_running()
            except StoreError:
                log.exception("graph engine restart failed; trying again")
                time.sleep(1.0)

    def _recover(self) -> None:
        if self._closed.is_set():
            raise StoreUnavailableError("the store is closed / 存储已关闭")
        self.process.ensure_running()
        # Sockets in the pool may date from before a restart.
        self._db.connection.connection_pool.disconnect()

    def run(
        self,
        graph_name: str,
        text: LiteralString | PreparedQuery,
        params: Mapping[str, Any] | None,
        *,
        read_only: bool,
    ) -> list[Row]:
        graph = self._db.select_graph(graph_name)
        if isinstance(text, PreparedQuery):
            query, arguments = text.command, None
        else:
            query, arguments = text, dict(params or {})
        last: Exception | None = None
        for attempt in range(_ATTEMPTS):
            try:
                if read_only:
                    result = graph.ro_query(query, arguments, timeout=self.query_timeout_ms)
                else:
                    result = graph.query(query, arguments, timeout=self.query_timeout_ms)
                return rows_of(result)
            except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError) as exc:
                last = exc
                log.warning("engine connection failed (attempt %d): %s", attempt + 1, exc)
                time.sleep(0.05 * (attempt + 1))
                try:
                    self._recover()
                except StoreError as recover_exc:
                    last = recover_exc
            except redis.ResponseError as exc:
                raise query_error(exc, self.query_timeout_ms) from exc
        raise StoreUnavailableError("the graph engine is unavailable / 图数据库暂不可用") from last

    def plan(self, graph_name: str, text: LiteralString, params: Mapping[str, Any] | None = None) -> list[str]:
        """The engine's execution plan for a query (GRAPH.EXPLAIN), one operation a line."""
        try:
            plan = self._db.select_graph(graph_name).explain(text, dict(params or {}))
        except redis.ResponseError as exc:
            raise query_error(exc, self.query_timeout_ms) from exc
        except redis.ConnectionError as exc:
            raise StoreUnavailableError("the graph engine is unavailable / 图数据库暂不可用") from exc
        return [line.strip() for line in str(plan).splitlines() if line.strip()]

    def delete_graph(self, graph_name: str) -> None:
        try:
            self._db.select_graph(graph_name).delete()
        except redis.ResponseError as exc:
            # A graph that was never written has nothing to delete.
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise QueryError(str(exc)) from exc
        except redis.ConnectionError as exc:
            raise StoreUnavailableError("the graph engine is unavailable / 图数据库暂不可用") from exc

    def rename_graph(self, source: str, target: str) -> None:
        """Give graph ``source`` the name ``target`` atomically, dropping any graph named ``target``.

        FalkorDB follows a key's RENAME: the graph keeps its indexes and constraints, and the
        append-only file records the rename, so it survives a restart.
        """
        try:
            self._db.connection.rename(source, target)
        except redis.ResponseError as exc:
            raise QueryError(str(exc)) from exc
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreUnavailableError("the graph engine is unavailable / 图数据库暂不可用") from exc

    def _version_key(self, graph_name: str) -> str:
        return f"graph-service:version:{graph_name}"

    def bump_version(self, graph_name: str) -> None:
        """Count a write to ``graph_name``: a plain engine key, persisted with the graph."""
        try:
            self._db.connection.incr(self._version_key(graph_name))
        except (redis.ConnectionError, redis.TimeoutError):
            # The engine is gone; its restart is a change readers notice (see version).
            log.warning("could not count a write to %s: the engine is unavailable", graph_name)

    def version(self, graph_name: str) -> str:
        """How many writes ``graph_name`` has seen, with the engine's run id.

        The run id changes when the engine restarts, so a write whose count was lost in
        a crash still invalidates what was cached before it.
        """
        try:
            pipe = self._db.connection.pipeline(transaction=False)
            pipe.get(self._version_key(graph_name))
            pipe.info("server")
            count, server = pipe.execute()
            run_id = server.get("run_id", "")
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreUnavailableError("the graph engine is unavailable / 图数据库暂不可用") from exc
        text = count.decode() if isinstance(count, bytes) else str(count or 0)
        return f"{text}@{run_id}"

    def bookmarks(self) -> tuple[str, ...]:
        return ()  # one engine, one state: a read always sees every acknowledged write

    def catch_up(self, bookmarks: Iterable[str]) -> None:
        return None

    def ensure_unique(self, graph_name: str, label: str, prop: str) -> None:
        """A unique constraint (FalkorDB declares these by command, not in Cypher); idempotent."""
        try:
            self._db.connection.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", graph_name, "UNIQUE", "NODE", label, "PROPERTIES", "1", prop
            )
        except redis.ResponseError as exc:
            if "already exists" not in str(exc):
                raise QueryError(str(exc)) from exc
        except redis.ConnectionError as exc:
            raise StoreUnavailableError("the graph engine is unavailable / 图数据库暂不可用") from exc

    def graph_names(self) -> list[str]:
        """The graphs the engine holds."""
        return [str(name) for name in self._db.list_graphs()]

    def compact(self, timeout: float = 600.0) -> None:
        """Rewrite the append-only file as a snapshot and wait for it.

        The log replays each write query with its parameters inlined as text, which the
        engine parses far more slowly than it ran them: after a bulk load a restart would
        take many times the load's own time. A snapshot loads in a moment.
        """
        client = self._db.connection
        try:
            try:
                client.bgrewriteaof()
            except redis.ResponseError as exc:
                # One is already running or scheduled: waiting for it does the same.
                if "in progress" not in str(exc) and "scheduled" not in str(exc):
                    raise QueryError(str(exc)) from exc
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                info = client.info("persistence")
                if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                    return
                time.sleep(0.05)
        except redis.ConnectionError as exc:
            raise StoreUnavailableError("the graph engine is unavailable / 图数据库暂不可用") from exc

    def ping(self) -> bool:
        try:
            return bool(self._db.connection.ping())
        except redis.RedisError:
            return False

    def memory(self) -> dict[str, Any]:
        """Engine process facts for stats and health: pid, restarts, RSS, and what the engine says it holds."""
        try:
            used: int | None = int(self._db.connection.info("memory")["used_memory"])
        except (redis.RedisError, KeyError, ValueError):
            used = None  # a restarting engine: its RSS (or its absence) says enough
        return {
            "pid": self.process.pid,
            "restarts": self.process.restarts,
            "rss_bytes": rss_bytes(self.process.pid),
            "used_memory_bytes": used,
        }

    def close(self) -> None:
        atexit.unregister(self.close)
        if self._closed.is_set():
            return
        self._closed.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        with contextlib.suppress(redis.RedisError):
            self._db.connection.close()
        self.process.stop()


def rss_bytes(pid: int | None) -> int | None:
    """Resident memory of process ``pid`` from /proc, or None where that cannot be read."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
