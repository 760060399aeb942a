"""``graph-service bench engines``: the same ecosystem on FalkorDB and on Neo4j, and ``@neo4j/graphql`` beside us.

In one run: the ``bench api`` operations over HTTP beside raw engine time on each engine
(``api_latency.measure``, once per store), the import rate into each (``import_rate``),
each engine's memory, and the three operations ``@neo4j/graphql`` can express — ``nested`` (an
entity with two nested connections), ``page`` (a filtered page), ``fulltext`` — served by it on Node,
by us on the same Neo4j and by us on FalkorDB: latency of one client and throughput of
several. The Neo4j (tools/neo4j) and the Node server are children of this command, with
their data in a temporary directory, and stop with it.
"""

from __future__ import annotations

import contextlib
import random
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_service.bench import import_rate
from graph_service.bench.api_latency import Latency, measure
from graph_service.bench.ecosystems import BENCH_DIR, load_ecosystem, open_ecosystem
from graph_service.bench.load import CountedRate, hammer, server_process
from graph_service.bench.neo4j_graphql import NodeServer, neo4j_graphql, search_query_name
from graph_service.config import Settings
from graph_service.domain.search_text import query_terms
from graph_service.ontology import EntityKind
from graph_service.ops.local_neo4j import Neo4jServer, local_neo4j
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore
from graph_service.store.embedded.connection import rss_bytes
from graph_service.store.neo4j import Neo4jStore

SYSTEMS = ("falkordb", "neo4j", "neo4jgraphql")
# The bench api operations measured on both engines (closeGaps, a planner over chainGaps, is left to bench api).
OPERATIONS = [
    "entity",
    "search",
    "neighborhood",
    "paths",
    "recommendPartners",
    "recommendTeam",
    "chainGaps",
    "transferChains",
]
# What @neo4j/graphql cannot say without hand-written Cypher in @cypher fields, which would
# be our queries served by it rather than the library's own.
NOT_EXPRESSED = {
    "neighborhood": "no variable-depth traversal; nesting fixes the depth and repeats nodes / 无可变深度遍历",
    "paths": "no shortest paths / 无最短路径",
    "recommendPartners": "no scoring across the graph / 无跨图评分",
    "recommendTeam": "no scoring across the graph / 无跨图评分",
    "chainGaps": "no aggregation per segment beyond counts / 无按环节的缺口分析",
    "transferChains": "no variable-length chains / 无可变长度链路",
}


@dataclass(frozen=True, slots=True)
class Memory:
    """An engine's memory after the ecosystem is loaded, in MiB (None where it cannot be read)."""

    rss_mb: float | None  # the engine process: redis-server, or the JVM
    used_mb: float | None  # what the engine says it holds (FalkorDB: INFO used_memory; Neo4j: heap in use)


@dataclass(frozen=True, slots=True)
class EngineRun:
    """One engine: the ecosystem's size, how long it took to load, the import rate, memory, latency."""

    entities: int
    relations: int
    load_s: float | None  # None: reused from var/bench
    import_rate: import_rate.ImportRate
    memory: Memory
    latency: dict[str, Latency]


@dataclass(frozen=True, slots=True)
class Served:
    """One operation on one server: one client's latency, and the throughput of several."""

    p50_ms: float
    p95_ms: float
    per_s: float  # with ``clients`` clients
    loaded_p95_ms: float  # p95 with ``clients`` clients
    errors: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """The operations ``@neo4j/graphql`` expresses, on it and on us; what it cannot express, and why."""

    version: str
    server: str
    clients: int
    seconds: float
    operations: dict[str, dict[str, Served]]  # operation -> system -> numbers
    not_expressed: dict[str, str]


@dataclass(frozen=True, slots=True)
class EnginesRun:
    """``bench engines``: both engines and the comparison, from one run."""

    entities: int
    falkordb: EngineRun
    neo4j: EngineRun
    neo4j_graphql: Comparison

    def summary(self) -> dict[str, float | int | None]:
        """The figures of the last line, by name."""
        out: dict[str, float | int | None] = {}
        for name, run in (("falkordb", self.falkordb), ("neo4j", self.neo4j)):
            for op, lat in run.latency.items():
                out[f"{name}_{op}_p50_ms"] = lat.http_p50_ms
                out[f"{name}_{op}_p95_ms"] = lat.http_p95_ms
                out[f"{name}_{op}_raw_p50_ms"] = lat.raw_p50_ms
                out[f"{name}_{op}_raw_p95_ms"] = lat.raw_p95_ms
            out[f"{name}_import_rows_per_s"] = run.import_rate.rows_per_s
            out[f"{name}_raw_write_rows_per_s"] = run.import_rate.raw_rows_per_s
            out[f"{name}_rss_mb"] = run.memory.rss_mb
            if run.memory.used_mb is not None:
                out[f"{name}_used_memory_mb"] = run.memory.used_mb
        for op, systems in self.neo4j_graphql.operations.items():
            for system, served in systems.items():
                out[f"{system}_{op}_p50_ms"] = served.p50_ms
                out[f"{system}_{op}_p95_ms"] = served.p95_ms
                out[f"{system}_{op}_per_s"] = served.per_s
        return out

    def last_line(self) -> str:
        return f"engines entities={self.entities} " + " ".join(f"{k}={v}" for k, v in self.summary().items())


@dataclass(frozen=True, slots=True)
class Request:
    query: str
    variables: list[dict[str, Any]]


# Our side of each comparison: the same answer's fields, through our schema.
OURS = {
    "nested": "query($uid: String!) { entity(uid: $uid) { uid name ... on Scientist { "
    "fields(first: 20) { edges { node { uid name } } } "
    "collaborators(first: 20) { edges { node { uid name } } } } } }",
    "page": "query($r: String!) { entities(kind: SCIENTIST, where: {region: $r}, first: 20) "
    "{ edges { node { uid name region } } } }",
    "fulltext": "query($t: String!) { search(text: $t, kinds: [SCIENTIST], first: 10) { score entity { uid name } } }",
}
THEIRS = {
    "nested": "query($uid: ID!) { scientists(where: {uid: {eq: $uid}}) { uid name "
    "fields(limit: 20) { uid name } collaborators(limit: 20) { uid name } } }",
    "page": "query($r: String!) { scientists(where: {region: {eq: $r}}, sort: [{uid: ASC}], limit: 20) "
    "{ uid name region } }",
    "fulltext": "query($p: String!) { "
    + search_query_name(EntityKind.SCIENTIST)
    + "(phrase: $p, first: 10) { edges { score node { uid name } } } }",
}


def _requests(store: GraphStore, count: int, seed: int = 7) -> tuple[dict[str, Request], dict[str, Request]]:
    """The same samples for us and for ``@neo4j/graphql``: scientists, their regions, fragments of their names."""
    rng = random.Random(seed)
    rows = store.read("entities_page", {"after": "", "limit": 2000}, slots={"kind": EntityKind.SCIENTIST})
    scientists = [row["entity"] for row in rows]
    rng.shuffle(scientists)
    chosen = scientists[:count]
    if not chosen:
        raise RuntimeError("the graph has no scientists to benchmark / 图中没有科技工作者")
    regions = sorted({str(s["region"]) for s in chosen if s.get("region")})
    fragments = []
    for scientist in chosen:
        name = str(scientist["name"])
        start = rng.randrange(max(1, len(name) - 1))
        fragments.append(name[start : start + 2])
    # A full-text query of the library gets the terms our search would send, joined as ours joins them.
    phrases = [" AND ".join(query_terms(f)) for f in fragments if query_terms(f)]
    ours = {
        "nested": Request(OURS["nested"], [{"uid": s["uid"]} for s in chosen]),
        "page": Request(OURS["page"], [{"r": r} for r in regions]),
        "fulltext": Request(OURS["fulltext"], [{"t": f} for f in fragments if query_terms(f)]),
    }
    theirs = {
        "nested": Request(THEIRS["nested"], [{"uid": s["uid"]} for s in chosen]),
        "page": Request(THEIRS["page"], [{"r": r} for r in regions]),
        "fulltext": Request(THEIRS["fulltext"], [{"p": p} for p in phrases]),
    }
    return ours, theirs


def _serve_and_hammer(port: int, requests: dict[str, Request], clients: int, seconds: float) -> dict[str, Served]:
    out: dict[str, Served] = {}
    for name, request in requests.items():
        hammer(port, request.query, request.variables, 1, min(1.0, seconds))  # warm-up, unmeasured
        single: CountedRate = hammer(port, request.query, request.variables, 1, seconds)
        loaded: CountedRate = hammer(port, request.query, request.variables, clients, seconds)
        out[name] = Served(single.p50_ms, single.p95_ms, loaded.per_s, loaded.p95_ms, single.errors + loaded.errors)
    return out


def _mib(value: int | None) -> float | None:
    return round(value / 2**20, 1) if value is not None else None


def _falkordb(size: int, samples: int) -> EngineRun:
    started = time.perf_counter()
    with open_ecosystem(size) as store:
        built = time.perf_counter() - started
        stats = graph_stats(store)
        latency = measure(store, samples=samples, names=OPERATIONS)
        info = store.engine_info()
    rate = import_rate.measure(size)
    return EngineRun(
        stats.entity_total,
        stats.relation_total,
        # Opening a cached ecosystem takes a moment; building one, minutes.
        round(built, 1) if built > 30 else None,
        rate,
        Memory(_mib(info.get("rss_bytes")), _mib(info.get("used_memory_bytes"))),
        latency,
    )


def _neo4j(server: Neo4jServer, store: Neo4jStore, size: int, samples: int) -> EngineRun:
    store.ensure_schema()
    # Into the empty database first: the import leaves it empty again for the ecosystem.
    rate = import_rate.measure(size, store=store, engine_pid=server.pid)
    started = time.perf_counter()
    load_ecosystem(store, size)
    loaded = time.perf_counter() - started
    stats = graph_stats(store)
    settings = _neo4j_settings(server)
    latency = measure(store, samples=samples, names=OPERATIONS, settings=settings)
    return EngineRun(
        stats.entity_total,
        stats.relation_total,
        round(loaded, 1),
        rate,
        # The JVM's RSS is mostly its heap and Neo4j's page cache, sized by the launcher, not by the
        # data; the heap in use (JMX) is what Neo4j says it holds, FalkorDB's used_memory beside it.
        Memory(_mib(rss_bytes(server.pid)), _mib(store.engine_info().get("used_memory_bytes"))),
        latency,
    )


def _neo4j_settings(server: Neo4jServer) -> Settings:
    return Settings(
        engine="neo4j",
        neo4j_uri=server.uri,
        neo4j_user=server.user,
        neo4j_password=server.password,
        neo4j_database=server.database,
    )


@contextlib.contextmanager
def _our_server(data_dir: Path, settings: dict[str, object]) -> Iterator[int]:
    """``graph-service serve`` in a process of its own, reading anonymously as a loopback demo does."""
    with server_process(data_dir, None, 1, {"demo": True, **settings}) as (_, port):
        yield port


def run(size: int, *, samples: int = 50, clients: int = 8, seconds: float = 5.0, heap: str = "2g") -> EnginesRun:
    """Both engines on ``size`` synthetic entities, and ``@neo4j/graphql`` beside us on the same Neo4j."""
    falkordb = _falkordb(size, samples)
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp, local_neo4j(Path(tmp), heap=heap) as server:
        with Neo4jStore(server.uri, user=server.user, password=server.password, database=server.database) as store:
            neo4j = _neo4j(server, store, size, samples)
            ours, theirs = _requests(store, samples)
        settings = _neo4j_settings(server)
        neo4j_env: dict[str, object] = {
            "engine": "neo4j",
            "neo4j_uri": settings.neo4j_uri,
            "neo4j_user": settings.neo4j_user,
            "neo4j_password": settings.neo4j_password,
            "neo4j_database": settings.neo4j_database,
        }
        systems: dict[str, dict[str, Served]] = {}
        node: NodeServer
        with neo4j_graphql(server) as node:
            systems["neo4jgraphql"] = _serve_and_hammer(node.port, theirs, clients, seconds)
        with _our_server(Path(tmp) / "service", neo4j_env) as port:
            systems["neo4j"] = _serve_and_hammer(port, ours, clients, seconds)
    with _our_server(BENCH_DIR / f"size-{size}", {}) as port:
        systems["falkordb"] = _serve_and_hammer(port, ours, clients, seconds)
    operations = {op: {system: systems[system][op] for system in SYSTEMS} for op in OURS}
    comparison = Comparison(node.version, node.server_library, clients, seconds, operations, NOT_EXPRESSED)
    return EnginesRun(size, falkordb, neo4j, comparison)
