"""The failover drill: kill the primary of a replicated engine again and again while writers and
readers run, then count what was lost.

The topology runs on loopback (a primary, replicas and three Sentinels). Writers upsert
entities of their own with new uids, each write acknowledged only once a replica holds it;
every acknowledged uid is recorded. Readers read back recently acknowledged uids through the
same store (one session, so read-your-writes applies) and count an answer that misses one as
a stale read. Meanwhile the primary is killed with SIGKILL by its pid, the Sentinels promote
a replica, the supervisor restarts the killed node as a replica, and once the topology is
whole again the next primary is killed. At the end every acknowledged uid is looked for.

Write latency is measured in the same run on one local engine (no replicas) and on the
replicated one (WAIT for one replica): one writer alone, the drill's writers and readers
together with nothing killed, and (replicated) during the drill.
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from graph_service.errors import StoreUnavailableError
from graph_service.ontology import EntityKind
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.replicated.connection import ReplicatedConnection, ReplicationOptions
from graph_service.store.replicated.topology import FailoverTimings, LoopbackTopology

# Time the topology runs undisturbed between a recovery and the next kill.
STEADY_S = 3.0
# A kill is started only when this much drill time is left, for the failover and the recovery.
FAILOVER_ROOM_S = 8.0
BASELINE_WRITES = 500
# How long the writers and readers run undisturbed on each engine, for latency under the same load.
BASELINE_S = 5.0
CHECK_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Latency:
    """Write latency percentiles in milliseconds over ``count`` acknowledged writes."""

    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        if not seconds:
            return cls(0, 0.0, 0.0, 0.0, 0.0)
        ordered = sorted(seconds)

        def at(q: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 3)

        return cls(len(ordered), at(0.50), at(0.95), at(0.99), round(ordered[-1] * 1000, 3))


@dataclass(frozen=True, slots=True)
class Kill:
    pid: int
    node: str
    failover_s: float  # from the kill until a majority of Sentinels named the new primary
    new_primary: str


@dataclass(slots=True)
class DrillReport:
    seconds: float
    replicas: int
    writers: int
    readers: int
    timings: FailoverTimings
    baseline_s: float = BASELINE_S
    acked: int = 0
    lost: int = 0
    failovers: int = 0
    max_unavailable_s: float = 0.0
    stale_reads: int = 0
    reads: int = 0
    reads_replica: int = 0
    reads_primary: int = 0
    write_errors: int = 0
    read_errors: int = 0
    resends: int = 0
    primary_changes: int = 0  # as the store saw them: more than the kills means a failover nobody caused
    kills: list[Kill] = field(default_factory=list)
    # One writer alone, then the drill's writers and readers together without kills, then with them.
    single_engine: Latency | None = None
    replicated_steady: Latency | None = None
    single_engine_loaded: Latency | None = None
    replicated_loaded: Latency | None = None
    replicated_drill: Latency | None = None

    def last_line(self) -> str:
        return (
            f"failover acked={self.acked} lost={self.lost} failovers={self.failovers} "
            f"max_unavailable_s={self.max_unavailable_s:.2f} stale_reads={self.stale_reads}"
        )


def _upsert(store: EmbeddedStore, uid: str) -> None:
    row = {"uid": uid, "props": {"name": f"演练 {uid}"}, "kind": "Enterprise", "now": 0, "fingerprint": uid}
    store.write("entity_upsert", {"rows": [row]}, slots={"kind": EntityKind.ENTERPRISE})


def _timed_writes(store: EmbeddedStore, prefix: str, count: int) -> Latency:
    seconds = []
    for i in range(count):
        started = time.perf_counter()
        _upsert(store, f"{prefix}-{i}")
        seconds.append(time.perf_counter() - started)
    return Latency.of(seconds)


class _Traffic:
    """Writer and reader threads on one store, recording every acknowledged write."""

    def __init__(self, store: EmbeddedStore, writers: int, readers: int, prefix: str = "drill") -> None:
        self.store = store
        self.prefix = prefix
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acked: list[str] = []
        self.ack_times: list[float] = []
        self.latencies: list[float] = []
        self.stale_reads = self.reads = self.write_errors = self.read_errors = 0
        self.failure: BaseException | None = None
        self.threads = [
            threading.Thread(target=self._guard, args=(self._write, n), daemon=True) for n in range(writers)
        ]
        self.threads += [
            threading.Thread(target=self._guard, args=(self._read, n), daemon=True) for n in range(readers)
        ]

    def _guard(self, work: Callable[[int], None], n: int) -> None:
        try:
            work(n)
        except BaseException as exc:
            self.failure = exc
            self.stop.set()

    def _write(self, writer: int) -> None:
        i = 0
        while not self.stop.is_set():
            uid = f"{self.prefix}-{writer}-{i}"
            started = time.perf_counter()
            try:
                _upsert(self.store, uid)
            except StoreUnavailableError:
                with self.lock:
                    self.write_errors += 1
                time.sleep(0.05)
                continue  # not acknowledged: the same uid again
            done = time.perf_counter()
            with self.lock:
                self.acked.append(uid)
                self.ack_times.append(done)
                self.latencies.append(done - started)
            i += 1

    def _read(self, reader: int) -> None:
        rng = random.Random(reader)
        while not self.stop.is_set():
            with self.lock:
                recent = self.acked[-200:]
            if not recent:
                time.sleep(0.01)
                continue
            uid = rng.choice(recent)
            try:
                found = self.store.read("entity_get", {"uid": uid})
            except StoreUnavailableError:
                with self.lock:
                    self.read_errors += 1
                time.sleep(0.05)
                continue
            with self.lock:
                self.reads += 1
                if not found:
                    self.stale_reads += 1

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)
        if self.failure is not None:
            raise self.failure

    def max_gap_s(self, since: float) -> float:
        """The longest time without an acknowledged write, from ``since`` to the last one."""
        times = sorted([since, *self.ack_times])
        return max((b - a for a, b in pairwise(times)), default=0.0)


def _loaded(store: EmbeddedStore, report: DrillReport) -> Latency:
    """Write latency with the drill's writers and readers running, nothing killed."""
    traffic = _Traffic(store, report.writers, report.readers, prefix="loaded")
    traffic.start()
    traffic.stop.wait(report.baseline_s)
    traffic.finish()
    return Latency.of(traffic.latencies)


def _missing(store: EmbeddedStore, uids: list[str]) -> int:
    missing = 0
    for start in range(0, len(uids), CHECK_BATCH):
        batch = uids[start : start + CHECK_BATCH]
        found = {row["entity"]["uid"] for row in store.read("entities_get", {"uids": batch})}
        missing += len(set(batch) - found)
    return missing


@contextmanager
def _work_dir(directory: Path | None) -> Iterator[Path]:
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        yield directory
        return
    with tempfile.TemporaryDirectory(prefix="graph-service-drill-") as made:
        yield Path(made)


def failover_drill(
    seconds: float,
    *,
    replicas: int = 2,
    writers: int = 4,
    readers: int = 2,
    timings: FailoverTimings | None = None,
    baseline_s: float = BASELINE_S,
    directory: Path | None = None,
    say: Callable[[str], None] = lambda line: None,
) -> DrillReport:
    """Run the drill for about ``seconds`` and return what it counted; ``say`` hears each event."""
    timings = timings or FailoverTimings()
    report = DrillReport(seconds, replicas, writers, readers, timings, baseline_s)
    with _work_dir(directory) as base:
        with EmbeddedStore.open(base / "single") as single:
            single.ensure_schema()
            report.single_engine = _timed_writes(single, "single", BASELINE_WRITES)
            report.single_engine_loaded = _loaded(single, report)
        topology = LoopbackTopology(base / "replicated", replicas=replicas, timings=timings, acl=True)
        started = time.perf_counter()
        topology.start()
        try:
            say(f"topology ready in {time.perf_counter() - started:.1f} s: {topology.pids()}")
            _drill(topology, report, say)
        finally:
            topology.stop()
    return report


def _drill(topology: LoopbackTopology, report: DrillReport, say: Callable[[str], None]) -> None:
    options = ReplicationOptions(
        tuple(topology.sentinel_addresses),
        service=topology.service,
        username=topology.username,
        password=topology.password,
        sentinel_password=topology.sentinel_password,
    )
    connection = ReplicatedConnection(options)
    with EmbeddedStore(connection, "drill", owns_connection=True) as store:
        store.clear()
        report.replicated_steady = _timed_writes(store, "steady", BASELINE_WRITES)
        report.replicated_loaded = _loaded(store, report)
        before = dict(connection.stats)
        traffic = _Traffic(store, report.writers, report.readers)
        began = time.perf_counter()
        end = began + report.seconds
        traffic.start()
        try:
            while True:
                topology.wait_ready(timeout=120.0)
                if traffic.stop.wait(STEADY_S) or time.perf_counter() + FAILOVER_ROOM_S > end:
                    break
                node = topology.primary()
                killed_at = time.perf_counter()
                pid = node.kill()
                new = topology.wait_new_primary(node.address)
                kill = Kill(pid, node.name, time.perf_counter() - killed_at, topology.node_at(new).name)
                report.kills.append(kill)
                say(
                    f"kill {len(report.kills)}: primary {kill.node} (pid {pid}) killed; "
                    f"{kill.new_primary} promoted in {kill.failover_s:.2f} s"
                )
            traffic.stop.wait(max(0.0, end - time.perf_counter()))
        finally:
            traffic.finish()
        report.max_unavailable_s = traffic.max_gap_s(began)
        # Every node back and whole before counting, so the count is of the cluster as it stands.
        topology.wait_ready()
        report.reads_replica = connection.stats["reads_replica"] - before["reads_replica"]
        report.reads_primary = connection.stats["reads_primary"] - before["reads_primary"]
        report.resends = connection.stats["resends"] - before["resends"]
        report.primary_changes = connection.stats["failovers"] - before["failovers"]
        report.acked = len(traffic.acked)
        report.lost = _missing(store, traffic.acked)
        report.failovers = len(report.kills)
        report.stale_reads, report.reads = traffic.stale_reads, traffic.reads
        report.write_errors, report.read_errors = traffic.write_errors, traffic.read_errors
        report.replicated_drill = Latency.of(traffic.latencies)
