"""The replicated engine as ``EmbeddedStore`` sees it: writes to the primary, reads from replicas.

The Sentinels name the primary and the replicas (redis-py's Sentinel client asks them on
every new connection, so a failover is followed by reconnecting). Each write is sent with an
``INCR`` of a marker key and ``WAIT`` in one round trip on one connection: it is
acknowledged only once ``replica_acks`` replicas hold it (the ``INCR`` always replicates, so
``WAIT`` covers the write even when a resent upsert changes nothing), and the primary's
replication offset is kept as this process's read floor.

Read-your-writes: a read goes to a replica with ``INFO replication`` in front of it in the
same round trip; the replica's answer is used when its applied offset has reached the floor,
otherwise the read is asked of the primary. Another process reaches the same floor through
``bookmarks()`` / ``catch_up``. Reads are retried through a failover; a write is resent only
when it is safe: when the engine provably did not run it (no connection, READONLY from a
demoted primary, NOREPLICAS), or when it is an upsert (every write but a relationship
``CREATE``, which a resend would duplicate; a node ``CREATE`` that ran is refused by the uid
constraint and upserted by the writer instead).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString, cast

import redis
from falkordb.graph import Graph
from falkordb.query_result import QueryResult
from falkordb.sentinel import NOT_EXECUTED, FalkorDBSentinelManagedConnection, FalkorDBSentinelManagedSSLConnection
from redis import sentinel as redis_sentinel
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph_service.errors import QueryError, StoreUnavailableError
from graph_service.store.embedded.connection import PreparedQuery, query_error
from graph_service.store.embedded.results import rows_of
from graph_service.store.protocol import Row

log = logging.getLogger(__name__)

Address = tuple[str, int]
BOOKMARK_PREFIX = "falkordb-offset:"
# A relationship CREATE: resending it after a lost reply would make a second relationship.
_CREATES_RELATIONSHIP = re.compile(r"\bCREATE\s*\([^()]*\)\s*<?-\s*\[", re.IGNORECASE)
# Error replies that say the command did not run and a retry may succeed.
_UNAVAILABLE = ("NOREPLICAS", "MASTERDOWN", "TRYAGAIN", "LOADING", "READONLY")
# Incremented beside each write: it always replicates, so WAIT covers a write even when a
# resent upsert changed nothing (and so replicated nothing of its own).
_ACKNOWLEDGED = "graph-service:acknowledged"
_UNAVAILABLE_MESSAGE = "the graph engine is unavailable / 图数据库暂不可用"


@dataclass(frozen=True, slots=True)
class ReplicationOptions:
    """Where the Sentinels are, how to authenticate, and how many replicas must hold a write."""

    sentinels: tuple[Address, ...]
    service: str = "ecosystem"
    username: str | None = None
    password: str | None = None
    sentinel_username: str | None = None
    sentinel_password: str | None = None
    tls: bool = False
    tls_ca: Path | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    replica_acks: int = 1
    ack_timeout_ms: int = 1000
    retry_ms: int = 15_000


class _NotRun(Exception):
    """The engine refused the command before running it: safe to send again."""


def _exchange(connection: Any, commands: Sequence[tuple[Any, ...]]) -> list[Any]:
    """Send ``commands`` in one write and read their replies; an error reply comes back as its exception."""
    connection.send_packed_command(connection.pack_commands(commands))
    replies: list[Any] = []
    for _ in commands:
        try:
            replies.append(connection.read_response())
        except redis.ResponseError as exc:
            replies.append(exc)
    return replies


def _info(text: str) -> dict[str, str]:
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line and not line.startswith("#"))


def _unavailable(reply: object) -> bool:
    return isinstance(reply, redis.ResponseError) and str(reply).startswith(_UNAVAILABLE)


class ReplicatedConnection:
    """Named queries on a primary and its replicas, found through Sentinels; one per process.

    The process is the session of read-your-writes: once a write through this connection is
    acknowledged, every read through it sees that write, on whichever node it is served.
    """

    def __init__(self, options: ReplicationOptions, *, query_timeout_ms: int = 30_000) -> None:
        if not options.sentinels:
            raise ValueError("a replicated engine needs the address of at least one sentinel")
        self.options = options
        self.query_timeout_ms = query_timeout_ms
        self.stats = {"reads_replica": 0, "reads_primary": 0, "writes": 0, "resends": 0, "failovers": 0}
        self._floor = 0
        self._floor_lock = threading.Lock()
        self._primary_seen: Address | None = None
        self._graphs: dict[tuple[bool, str], Graph] = {}
        tls: dict[str, Any] = {}
        if options.tls:
            tls = {
                "ssl_ca_certs": str(options.tls_ca) if options.tls_ca else None,
                "ssl_certfile": str(options.tls_cert) if options.tls_cert else None,
                "ssl_keyfile": str(options.tls_key) if options.tls_key else None,
            }
        # Our own retry loop decides what may be sent again; redis-py's would resend writes.
        node = {
            "username": options.username,
            "password": options.password,
            "socket_timeout": query_timeout_ms / 1000 + options.ack_timeout_ms / 1000 + 5,
            "socket_connect_timeout": 2.0,
            "decode_responses": True,
            "retry": Retry(NoBackoff(), 0),
            **tls,
        }
        sentinel = {
            "username": options.sentinel_username,
            "password": options.sentinel_password,
            "socket_timeout": 1.0,
            "socket_connect_timeout": 1.0,
            "retry": Retry(NoBackoff(), 0),
            **({"ssl": True, **tls} if options.tls else {}),
        }
        # redis-py's Sentinel API is untyped.
        self._sentinel: Any = cast(Any, redis_sentinel).Sentinel(
            list(options.sentinels), sentinel_kwargs=sentinel, **node
        )
        connection_class = FalkorDBSentinelManagedSSLConnection if options.tls else FalkorDBSentinelManagedConnection
        self._primary: redis.Redis = self._sentinel.master_for(options.service, connection_class=connection_class)
        self._replicas: redis.Redis = self._sentinel.slave_for(options.service, connection_class=connection_class)

    # -- plumbing ---------------------------------------------------------------------

    @property
    def _retry_s(self) -> float:
        return self.options.retry_ms / 1000

    @contextmanager
    def _connection(self, primary: bool) -> Iterator[Any]:
        """A pooled connection to the primary (or to a replica); broken ones are dropped, not pooled."""
        client = self._primary if primary else self._replicas
        pool = client.connection_pool
        try:
            connection: Any = pool.get_connection()
        except redis.AuthenticationError as exc:
            raise StoreUnavailableError(
                f"the graph engine refused our credentials / 图数据库拒绝了凭据: {exc}"
            ) from exc
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise _NotRun(str(exc)) from exc
        if primary:
            self._note_primary((str(connection.host), int(connection.port)))
        try:
            yield connection
        except BaseException:
            connection.disconnect()
            raise
        finally:
            pool.release(connection)

    def _note_primary(self, address: Address) -> None:
        with self._floor_lock:
            changed = self._primary_seen is not None and self._primary_seen != address
            self._primary_seen = address
            if changed:
                self.stats["failovers"] += 1
        if changed:
            log.warning("the primary is now %s:%s", *address)

    def _graph(self, graph_name: str, *, primary: bool) -> Graph:
        # Kept per graph: each holds the label and property names compact results refer to.
        key = (primary, graph_name)
        graph = self._graphs.get(key)
        if graph is None:
            graph = self._graphs[key] = Graph(self._primary if primary else self._replicas, graph_name)
        return graph

    def _rows(self, graph_name: str, reply: object, *, primary: bool) -> list[Row]:
        if isinstance(reply, redis.ResponseError):
            raise query_error(reply, self.query_timeout_ms) from reply
        try:
            return rows_of(QueryResult(self._graph(graph_name, primary=primary), reply))
        except redis.ResponseError as exc:
            raise query_error(exc, self.query_timeout_ms) from exc

    def _retrying(self, attempt: int, deadline: float, exc: Exception) -> None:
        if time.monotonic() >= deadline:
            raise StoreUnavailableError(_UNAVAILABLE_MESSAGE) from exc
        # A failover fails many attempts in a row: the primary's change is the warning.
        log.info("replicated engine attempt %d failed: %s", attempt + 1, exc)
        time.sleep(min(0.05 * 2**attempt, 0.25))

    def _raise_floor(self, offset: int) -> None:
        with self._floor_lock:
            self._floor = max(self._floor, offset)

    def _version_key(self, graph_name: str) -> str:
        return f"graph-service:version:{graph_name}"

    # -- queries ----------------------------------------------------------------------

    def run(
        self,
        graph_name: str,
        text: LiteralString | PreparedQuery,
        params: Mapping[str, Any] | None,
        *,
        read_only: bool,
    ) -> list[Row]:
        query = text.command if isinstance(text, PreparedQuery) else PreparedQuery(text, params or {}).command
        if read_only:
            return self._read(graph_name, query)
        return self._write(graph_name, query, resendable=not _CREATES_RELATIONSHIP.search(query))

    def _read(self, graph_name: str, query: str) -> list[Row]:
        command = ("GRAPH.RO_QUERY", graph_name, query, "--compact", "timeout", self.query_timeout_ms)
        floor = self._floor
        deadline = time.monotonic() + self._retry_s
        attempt = 0
        while True:
            try:
                with self._connection(primary=False) as connection:
                    info, reply = _exchange(connection, [("INFO", "replication"), command])
                if _unavailable(reply):
                    raise _NotRun(str(reply))
                if isinstance(info, str) and _fresh(_info(info), floor):
                    self.stats["reads_replica"] += 1
                    return self._rows(graph_name, reply, primary=False)
                # This node has not yet applied this process's writes: the primary has.
                with self._connection(primary=True) as connection:
                    (reply,) = _exchange(connection, [command])
                if _unavailable(reply):
                    raise _NotRun(str(reply))
                self.stats["reads_primary"] += 1
                return self._rows(graph_name, reply, primary=True)
            except (_NotRun, redis.ConnectionError, redis.TimeoutError) as exc:
                self._retrying(attempt, deadline, exc)
                attempt += 1

    def _write(self, graph_name: str, query: str, *, resendable: bool) -> list[Row]:
        command = ("GRAPH.QUERY", graph_name, query, "--compact", "timeout", self.query_timeout_ms)
        deadline = time.monotonic() + self._retry_s
        attempt = 0
        while True:
            try:
                return self._write_once(graph_name, command, deadline)
            except _NotRun as exc:
                self._retrying(attempt, deadline, exc)
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                # Sent, and the reply lost: the write may or may not have run.
                if not resendable and not getattr(exc, NOT_EXECUTED, False):
                    raise StoreUnavailableError(
                        "the graph engine failed during a write that cannot be resent safely; it may or may not "
                        "have been applied / 写入过程中图数据库失效，该写入不可安全重发，可能已写入也可能未写入"
                    ) from exc
                self._retrying(attempt, deadline, exc)
                self.stats["resends"] += 1
            attempt += 1

    def _write_once(self, graph_name: str, command: tuple[Any, ...], deadline: float) -> list[Row]:
        acks, wait_ms = self.options.replica_acks, self.options.ack_timeout_ms
        with self._connection(primary=True) as connection:
            reply, _, acked, role = _exchange(
                connection, [command, ("INCR", _ACKNOWLEDGED), ("WAIT", acks, wait_ms), ("ROLE",)]
            )
            if _unavailable(reply):
                raise _NotRun(str(reply))
            rows = self._rows(graph_name, reply, primary=True)
            # WAIT counts replicas holding everything this connection wrote: ask again on it.
            while not isinstance(acked, int) or acked < acks:
                if not isinstance(acked, int):
                    # The write ran, but whether a replica holds it is unknown: as a lost reply.
                    raise redis.ConnectionError(f"WAIT failed after a write: {acked}")
                if time.monotonic() >= deadline:
                    raise StoreUnavailableError(
                        f"the write reached the primary but {acked} of {acks} replicas confirmed it / "
                        f"写入已到达主节点，但只有 {acked}/{acks} 个副本确认"
                    )
                acked, role = _exchange(connection, [("WAIT", acks, wait_ms), ("ROLE",)])
        self.stats["writes"] += 1
        if isinstance(role, list) and len(role) > 1:
            self._raise_floor(int(role[1]))
        return rows

    def _on_primary(self, commands: Sequence[tuple[Any, ...]], *, resendable: bool = True) -> list[Any]:
        """Commands on the primary, retried through a failover (once they ran, only when ``resendable``)."""
        deadline = time.monotonic() + self._retry_s
        attempt = 0
        while True:
            try:
                with self._connection(primary=True) as connection:
                    replies = _exchange(connection, commands)
                if _unavailable(replies[0]):
                    raise _NotRun(str(replies[0]))
                return replies
            except _NotRun as exc:
                self._retrying(attempt, deadline, exc)
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                if not resendable and not getattr(exc, NOT_EXECUTED, False):
                    raise StoreUnavailableError(_UNAVAILABLE_MESSAGE) from exc
                self._retrying(attempt, deadline, exc)
            attempt += 1

    def _confirmed(self, command: tuple[Any, ...], *, resendable: bool = True) -> Any:
        """One command on the primary, acknowledged once the replicas hold it."""
        reply, acked = self._on_primary(
            [command, ("WAIT", self.options.replica_acks, self.options.ack_timeout_ms)], resendable=resendable
        )
        if isinstance(acked, int) and acked < self.options.replica_acks:
            raise StoreUnavailableError(
                f"{acked} of {self.options.replica_acks} replicas confirmed the change / "
                f"只有 {acked}/{self.options.replica_acks} 个副本确认了该更改"
            )
        return reply

    # -- the rest of the engine link --------------------------------------------------

    def plan(self, graph_name: str, text: LiteralString, params: Mapping[str, Any] | None = None) -> list[str]:
        query = PreparedQuery(text, params or {}).command
        (reply,) = self._on_primary([("GRAPH.EXPLAIN", graph_name, query)])
        if isinstance(reply, redis.ResponseError):
            raise query_error(reply, self.query_timeout_ms) from reply
        return [str(line).strip() for line in reply if str(line).strip()]

    def delete_graph(self, graph_name: str) -> None:
        reply = self._confirmed(("GRAPH.DELETE", graph_name))
        if isinstance(reply, redis.ResponseError):
            message = str(reply).lower()
            # A graph that was never written (or a resend after the delete ran) has nothing to delete.
            if "empty key" not in message and "invalid graph" not in message:
                raise QueryError(str(reply)) from reply

    def rename_graph(self, source: str, target: str) -> None:
        reply = self._confirmed(("RENAME", source, target), resendable=False)
        if isinstance(reply, redis.ResponseError):
            raise QueryError(str(reply)) from reply

    def bump_version(self, graph_name: str) -> None:
        # One attempt: after a failed write the retries are spent already.
        try:
            with self._connection(primary=True) as connection:
                (reply,) = _exchange(connection, [("INCR", self._version_key(graph_name))])
            if isinstance(reply, redis.ResponseError):
                raise reply
        except (_NotRun, StoreUnavailableError, redis.RedisError):
            # A failover changes the primary's replication id, which version() includes.
            log.warning("could not count a change to %s: the engine is unavailable", graph_name)

    def version(self, graph_name: str) -> str:
        """How many writes ``graph_name`` has seen, with the primary's replication id.

        The id changes at a failover and at a restart, so a write whose count was lost
        with a primary still invalidates what was cached before it.
        """
        count, info = self._on_primary([("GET", self._version_key(graph_name)), ("INFO", "replication")])
        replication = _info(info) if isinstance(info, str) else {}
        return f"{count or 0}@{replication.get('master_replid', '')}"

    def ensure_unique(self, graph_name: str, label: str, prop: str) -> None:
        reply = self._confirmed(
            ("GRAPH.CONSTRAINT", "CREATE", graph_name, "UNIQUE", "NODE", label, "PROPERTIES", "1", prop)
        )
        if isinstance(reply, redis.ResponseError) and "already exists" not in str(reply):
            raise QueryError(str(reply)) from reply

    def graph_names(self) -> list[str]:
        (reply,) = self._on_primary([("GRAPH.LIST",)])
        return [str(name) for name in reply or []]

    def compact(self, timeout: float = 600.0) -> None:
        """Rewrite the primary's append-only file (a replica's is replaced by a full copy when it restarts)."""
        (reply,) = self._on_primary([("BGREWRITEAOF",)])
        if isinstance(reply, redis.ResponseError) and "in progress" not in str(reply) and "scheduled" not in str(reply):
            raise QueryError(str(reply)) from reply
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            (info,) = self._on_primary([("INFO", "persistence")])
            state = _info(info) if isinstance(info, str) else {}
            if state.get("aof_rewrite_in_progress") == "0" and state.get("aof_rewrite_scheduled") == "0":
                return
            time.sleep(0.05)

    def ping(self) -> bool:
        try:
            with self._connection(primary=True) as connection:
                return _exchange(connection, [("PING",)])[0] in ("PONG", True)
        except (_NotRun, StoreUnavailableError, redis.RedisError):
            return False

    def memory(self) -> dict[str, Any]:
        """The primary's pid, memory and replicas, and how many failovers this process has followed."""
        facts: dict[str, Any] = {"pid": None, "restarts": self.stats["failovers"], "rss_bytes": None}
        try:
            with self._connection(primary=True) as connection:
                server, memory, replication = _exchange(
                    connection, [("INFO", "server"), ("INFO", "memory"), ("INFO", "replication")]
                )
            info = {**_info(server), **_info(memory), **_info(replication)}
            facts |= {
                "pid": int(info["process_id"]),
                "rss_bytes": int(info["used_memory_rss"]),
                "used_memory_bytes": int(info["used_memory"]),
                "replicas": int(info["connected_slaves"]),
            }
        except (_NotRun, redis.RedisError, KeyError, ValueError, TypeError):
            facts["used_memory_bytes"] = None
        return {**facts, **{f"replication_{name}": value for name, value in self.stats.items()}}

    # -- read-your-writes across processes --------------------------------------------

    def bookmarks(self) -> tuple[str, ...]:
        """The replication offset this process's reads are held to, once it has written."""
        return (f"{BOOKMARK_PREFIX}{self._floor}",) if self._floor else ()

    def catch_up(self, bookmarks: Iterable[str]) -> None:
        """Hold this process's reads to another's writes: from now on they see at least that state."""
        offsets = []
        for mark in bookmarks:
            number = mark.removeprefix(BOOKMARK_PREFIX)
            if not mark.startswith(BOOKMARK_PREFIX) or not number.isdigit():
                raise QueryError(f"not a bookmark of this engine / 不是本引擎的书签: {mark[:80]!r}")
            offsets.append(int(number))
        if not offsets:
            return
        (role,) = self._on_primary([("ROLE",)])
        if max(offsets) > int(role[1]):
            raise QueryError("a bookmark names a state the primary has not reached / 书签所示状态超出了主节点")
        self._raise_floor(max(offsets))

    def close(self) -> None:
        for client in (self._primary, self._replicas):
            client.connection_pool.disconnect()
        for sentinel in self._sentinel.sentinels:
            sentinel.close()


def _fresh(replication: Mapping[str, str], floor: int) -> bool:
    """Whether a node's answer holds every write up to ``floor``, by the offset it has applied.

    A primary is not fresh for being one: a demoted primary that the Sentinels have not yet
    turned into a replica still says ``role:master``, with the offset it stopped at.
    """
    key = "master_repl_offset" if replication.get("role") == "master" else "slave_repl_offset"
    try:
        return int(replication.get(key, "-1")) >= floor
    except ValueError:
        return False
