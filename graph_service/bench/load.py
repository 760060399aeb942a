"""``graph-service bench load``: concurrent clients against a real server, a mixed workload.

The server is a ``graph-service serve`` subprocess on the benchmark ecosystem's data
directory, so its memory and the engine's are measured apart from the clients (threads
here, one keep-alive connection each). The workload mixes entity lookups, search,
neighbourhoods, partner recommendations and writes (upserts of entities of the
benchmark's own). Memory is read after a warm-up and at the end: it should not grow.
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from graph_service.bench.api_latency import operations
from graph_service.bench.ceiling import LIGHT, TRIVIAL, trivial_server
from graph_service.bench.ecosystems import BENCH_DIR, open_ecosystem
from graph_service.bench.server import GraphQLClient, free_port
from graph_service.bench.stats import percentile
from graph_service.config import Settings, environment_with
from graph_service.services.access.principal import Role
from graph_service.services.access.tokens import TokenStore
from graph_service.store.embedded.connection import rss_bytes

T = TypeVar("T")
WRITE = "mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename } }"
DELETE = "mutation($uid: String!) { deleteEntity(uid: $uid) { __typename } }"
# Each client rewrites this many entities of its own, deleted at the end: the shared benchmark graph stays as built.
WRITE_UIDS = 100
# Share of each operation in the mix (reads dominate, as for the explorer's users).
MIX = {"entity": 35, "search": 20, "neighborhood": 15, "recommendPartners": 10, "write": 20}


@dataclass
class ClientResult:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    first_errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rate:
    """How many requests of one kind were answered, how fast, and their latency percentiles."""

    requests: int
    per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float


@dataclass(frozen=True, slots=True)
class CountedRate(Rate):
    """A rate with the requests that failed (which it leaves out)."""

    errors: int


@dataclass(frozen=True, slots=True)
class Memory:
    """Resident memory of the server process and of the engine, in bytes (None where unknown)."""

    server_rss_bytes: int | None
    engine_rss_bytes: int | None


@dataclass(frozen=True, slots=True)
class LoadRun:
    """``bench load``: the mixed workload's numbers, memory read after the warm-up and at the end."""

    clients: int
    workers: int
    seconds: float
    entities: int
    all: Rate  # every operation together
    operations: dict[str, Rate]
    errors: int
    first_errors: dict[str, str]
    memory_start: Memory
    memory_end: Memory
    cpus: int | None


CEILING = "trivial query (bare strawberry)"


@dataclass(frozen=True, slots=True)
class ThroughputRun:
    """``bench throughput``: the service per worker count beside the bare framework's ceiling."""

    services: dict[str, CountedRate]
    ceiling: CountedRate
    share_of_ceiling: float  # the first worker count's requests per second over the ceiling's
    clients: int
    entities: int

    def rows(self) -> dict[str, CountedRate]:
        """The table: each service run, then the ceiling."""
        return {**self.services, CEILING: self.ceiling}

    def as_json(self) -> dict[str, object]:
        """The table's rows and the figures beside them in one mapping, as earlier runs were written."""
        return {
            **self.rows(),
            "share_of_ceiling": self.share_of_ceiling,
            "clients": self.clients,
            "entities": self.entities,
        }


@contextlib.contextmanager
def server_process(
    data_dir: Path, token: str | None, workers: int = 1, settings: Mapping[str, object] | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``graph-service serve`` on ``data_dir`` with ``workers`` processes; yields the parent and its port once ready.

    ``settings`` are handed to it beside the benchmark's own (an engine, a demo's anonymous reads).
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "graph_service.cli.main",
        "--data-dir",
        str(data_dir),
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    # All clients share one token: the per-token rate limit would measure itself, not the server.
    env = environment_with(rate_capacity=1_000_000_000, rate_refill_per_second=1_000_000_000, **(settings or {}))
    with tempfile.TemporaryFile() as log, subprocess.Popen(command, stdout=log, stderr=log, env=env) as proc:
        try:
            deadline = time.monotonic() + 120
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"the server exited: {log.read()[-2000:].decode(errors='replace')}")
                with contextlib.suppress(OSError, RuntimeError):
                    GraphQLClient(port, token).post("{ __typename }")
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start / 服务未能启动")
                time.sleep(0.1)
            yield proc, port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _client(
    port: int, token: str, plan: dict[str, tuple[str, list[dict[str, Any]]]], seed: int, stop: threading.Event
) -> ClientResult:
    rng = random.Random(seed)
    names = list(MIX)
    weights = [MIX[n] for n in names]
    result = ClientResult({n: [] for n in names})
    client = GraphQLClient(port, token)
    written = 0
    try:
        while not stop.is_set():
            name = rng.choices(names, weights)[0]
            if name == "write":
                written += 1
                uid = f"load:{seed}:{written % WRITE_UIDS}"
                query, variables = WRITE, {"input": {"kind": "SCIENTIST", "uid": uid, "name": f"压测 {written}"}}
            else:
                query, samples = plan[name]
                variables = rng.choice(samples)
            started = time.perf_counter()
            try:
                client.post(query, variables)
            except (OSError, RuntimeError, ValueError) as exc:
                result.errors += 1
                result.first_errors.setdefault(name, str(exc)[:300])
                continue
            result.latencies[name].append(time.perf_counter() - started)
    finally:
        client.close()
    return result


def _for_seconds(clients: int, seconds: float, work: Callable[[int, threading.Event], T]) -> list[T]:
    """``work(i, stop)`` in ``clients`` threads until ``seconds`` have passed; their results."""
    stop = threading.Event()
    results: list[T | None] = [None] * clients

    def run(i: int) -> None:
        results[i] = work(i, stop)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return [r for r in results if r is not None]


def _run_clients(
    port: int,
    token: str,
    plan: dict[str, tuple[str, list[dict[str, Any]]]],
    clients: int,
    seconds: float,
    seed: int,
) -> list[ClientResult]:
    return _for_seconds(clients, seconds, lambda i, stop: _client(port, token, plan, seed * 1000 + i, stop))


def _delete_written(port: int, token: str, seeds: list[int], clients: int) -> None:
    client = GraphQLClient(port, token)
    try:
        for seed in seeds:
            for i in range(clients):
                for k in range(WRITE_UIDS):
                    with contextlib.suppress(RuntimeError):
                        client.post(DELETE, {"uid": f"load:{seed * 1000 + i}:{k}"})
    finally:
        client.close()


@contextlib.contextmanager
def _served(
    size: int, role: Role, name: str, workers: int = 1
) -> Iterator[tuple[subprocess.Popen[bytes], int, Path, str]]:
    """A server on the benchmark ecosystem and a ``role`` token for it, revoked when the run ends."""
    data_dir = BENCH_DIR / f"size-{size}"
    tokens = TokenStore(replace(Settings.from_env(), data_dir=data_dir).token_path)
    token, record = tokens.create(role, name=name)
    try:
        with server_process(data_dir, token, workers) as (proc, port):
            yield proc, port, data_dir, token
    finally:
        tokens.revoke(record.id)


def _memory(server: int, data_dir: Path) -> Memory:
    engine = int((data_dir / "engine.pid").read_text().strip())
    return Memory(rss_bytes(server), rss_bytes(engine))


def run_load(
    clients: int, seconds: float, *, size: int = 3000, warmup: float = 5.0, seed: int = 7, workers: int = 1
) -> LoadRun:
    """Run the mixed workload; the measured numbers (throughput, percentiles, errors, memory)."""
    store = open_ecosystem(size)
    try:
        plan = {op.name: (op.query, op.samples) for op in operations(store, 100, seed, names=list(MIX))}
    finally:
        store.close()
    # The clients write, so they act as a manager.
    with _served(size, Role.MANAGER, "bench load", workers) as (proc, port, data_dir, token):
        _run_clients(port, token, plan, clients, warmup, seed + 1)
        before = _memory(proc.pid, data_dir)
        started = time.perf_counter()
        results = _run_clients(port, token, plan, clients, seconds, seed)
        elapsed = time.perf_counter() - started
        after = _memory(proc.pid, data_dir)
        _delete_written(port, token, [seed + 1, seed], clients)
    every = [s for r in results for samples in r.latencies.values() for s in samples]
    per_op = {name: _summary([s for r in results for s in r.latencies.get(name, [])], elapsed) for name in MIX}
    return LoadRun(
        clients=clients,
        workers=workers,
        seconds=round(elapsed, 1),
        entities=size,
        all=_summary(every, elapsed),
        operations=per_op,
        errors=sum(r.errors for r in results),
        first_errors={k: v for r in results for k, v in r.first_errors.items()},
        memory_start=before,
        memory_end=after,
        cpus=os.cpu_count(),
    )


def _summary(samples: list[float], elapsed: float) -> Rate:
    ms = [s * 1000 for s in samples]
    return Rate(
        requests=len(ms),
        per_s=round(len(ms) / elapsed, 1) if elapsed else 0.0,
        p50_ms=round(percentile(ms, 0.50), 2),
        p95_ms=round(percentile(ms, 0.95), 2),
        p99_ms=round(percentile(ms, 0.99), 2),
    )


def run_throughput(clients: int, seconds: float, *, size: int = 3000, workers: Sequence[int] = (1,)) -> ThroughputRun:
    """Entity lookups on the real service beside a trivial query on a bare strawberry app, same clients, same run.

    The service is measured once per worker count; the share of the ceiling is the first
    count's (one process each, when that count is 1).
    """
    store = open_ecosystem(size)
    try:
        samples = next(op.samples for op in operations(store, 200, 7, names=["entity"]))
    finally:
        store.close()
    services: dict[str, CountedRate] = {}
    for count in workers:
        with _served(size, Role.ANALYST, "bench throughput", count) as (_, port, _, token):
            hammer(port, LIGHT, samples, clients, 2.0, token)  # warm-up
            services[f"entity lookup (service, {count} worker{'s' if count > 1 else ''})"] = hammer(
                port, LIGHT, samples, clients, seconds, token
            )
    with trivial_server() as port:
        hammer(port, TRIVIAL, [], clients, 2.0)
        ceiling = hammer(port, TRIVIAL, [], clients, seconds)
    first = next(iter(services.values()))
    share = round(first.per_s / ceiling.per_s, 2) if ceiling.per_s else 0.0
    return ThroughputRun(services, ceiling, share, clients, size)


def hammer(
    port: int, query: str, variables: list[dict[str, Any]], clients: int, seconds: float, token: str | None = None
) -> CountedRate:
    """``clients`` keep-alive connections posting ``query`` for ``seconds``: throughput and latency."""

    def work(i: int, stop: threading.Event) -> ClientResult:
        result = ClientResult({"query": []})
        client = GraphQLClient(port, token)
        try:
            n = i
            while not stop.is_set():
                n += 1
                started = time.perf_counter()
                try:
                    client.post(query, variables[n % len(variables)] if variables else None)
                except (OSError, RuntimeError, ValueError):
                    result.errors += 1
                    continue
                result.latencies["query"].append(time.perf_counter() - started)
        finally:
            client.close()
        return result

    started = time.perf_counter()
    results = _for_seconds(clients, seconds, work)
    elapsed = time.perf_counter() - started
    rate = _summary([s for r in results for s in r.latencies["query"]], elapsed)
    return CountedRate(**asdict(rate), errors=sum(r.errors for r in results))
