"""Latency of the explore API over HTTP beside the raw engine time of the same queries.

For each operation, a set of sample requests is sent over a keep-alive connection to a
real uvicorn server; the same work is then done once through a recording store, and the
queries it sent are replayed straight to the engine. The ratio of the two medians is the
API's overhead (HTTP, GraphQL, Python) over the engine.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from graph_service.api.app import create_app
from graph_service.bench.recording import Call, RecordingStore
from graph_service.bench.server import GraphQLClient, serving
from graph_service.bench.stats import summary_ms
from graph_service.config import Settings
from graph_service.errors import GraphServiceError
from graph_service.ontology import EntityKind
from graph_service.services.analytics.report import projection as analytics_projection
from graph_service.services.cache import clear_all
from graph_service.services.chains.gaps import chain_gaps
from graph_service.services.chains.recruit import close_gaps
from graph_service.services.chains.transfers import transfer_chains
from graph_service.services.explore import entities, neighborhood, paths, search
from graph_service.services.explore.entities import EntityFilter
from graph_service.services.match.recommend import recommend_partners
from graph_service.services.match.team import recommend_team
from graph_service.store import GraphStore


@dataclass(frozen=True, slots=True)
class Latency:
    """One operation's medians and 95th percentiles over HTTP and straight to the engine, in ms."""

    http_p50_ms: float
    http_p95_ms: float
    raw_p50_ms: float
    raw_p95_ms: float
    overhead_p50: float  # HTTP p50 over raw p50: what the API adds (NaN when raw is 0)
    queries_per_request: float


@dataclass(frozen=True, slots=True)
class Projection:
    """The time to build the whole graph's analytics projection, and its size."""

    seconds: float
    nodes: int
    edges: int


@dataclass(frozen=True, slots=True)
class SizeRun:
    """``bench api`` on one ecosystem size."""

    entities: int
    relations: int
    engine_rss_bytes: int | None
    latency: dict[str, Latency]
    analytics_projection: Projection | None


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    query: str
    samples: list[dict[str, Any]]
    direct: Callable[[GraphStore, dict[str, Any]], object]
    # Served from a cache once asked; measured uncached (the cache is emptied before each request).
    cached: bool = False


def _sample_uids(store: GraphStore, kinds: list[EntityKind], count: int, rng: random.Random) -> list[dict[str, Any]]:
    pool: list[dict[str, Any]] = []
    for kind in kinds:
        pool += [
            row["entity"] for row in store.read("entities_page", {"after": "", "limit": 2000}, slots={"kind": kind})
        ]
    rng.shuffle(pool)
    return pool[:count]


def operations(store: GraphStore, count: int, seed: int = 7, names: list[str] | None = None) -> list[Operation]:
    rng = random.Random(seed)
    enterprises = [e["uid"] for e in _sample_uids(store, [EntityKind.ENTERPRISE], count, rng)]
    actors = _sample_uids(store, [EntityKind.SCIENTIST, EntityKind.ENTERPRISE, EntityKind.SOCIETY], count * 2, rng)
    if len(actors) < 2:
        raise RuntimeError("the graph has too few entities to benchmark")
    uids = [a["uid"] for a in actors]
    fragments = []
    for actor in actors[:count]:
        name = str(actor["name"])
        start = rng.randrange(max(1, len(name) - 1))
        fragments.append(name[start : start + 2] if len(name) >= 2 else name)
    pairs = [(uids[i], uids[-1 - i]) for i in range(min(count, len(uids) // 2))]
    chains = [
        str(r["entity"]["uid"])
        for r in store.read("entities_page", {"after": "", "limit": 100}, slots={"kind": EntityKind.INDUSTRY_CHAIN})
    ]
    scientists = [u for u in uids if u.startswith("syn:sci:")] or uids
    fields = [
        str(r["entity"]["uid"])
        for r in store.read("entities_page", {"after": "", "limit": 200}, slots={"kind": EntityKind.FIELD})
    ]
    rng.shuffle(fields)
    listed = [EntityKind.SCIENTIST, EntityKind.ENTERPRISE]
    ops = [
        Operation(
            "entity",
            "query($uid: String!) { entity(uid: $uid) { uid kind name region } }",
            [{"uid": u} for u in uids[:count]],
            lambda s, v: entities.get_entity(s, v["uid"]),
        ),
        Operation(
            "entitiesPage",
            "query($k: EntityKind!) { entities(kind: $k, first: 20) { edges { node { uid name } } } }",
            [{"k": listed[i % 2].name} for i in range(count)],
            lambda s, v: entities.list_entities(s, EntityKind[v["k"]], first=20, count=False),
        ),
        Operation(
            "entitiesInField",
            "query($f: String!) { entities(kind: ENTERPRISE, where: {field: $f}, first: 20) "
            "{ totalCount edges { node { uid name } } } }",
            [{"f": fields[i % len(fields)]} for i in range(count)] if fields else [],
            lambda s, v: entities.list_entities(s, EntityKind.ENTERPRISE, where=EntityFilter(field=v["f"]), first=20),
        ),
        Operation(
            "search",
            "query($t: String!) { search(text: $t, first: 10) { score entity { uid name } } }",
            [{"t": f} for f in fragments],
            lambda s, v: search.search(s, v["t"], first=10),
        ),
        Operation(
            "neighborhood",
            "query($uid: String!) { neighborhood(uid: $uid, depth: 2, limit: 100) { nodes { uid } edges { type } } }",
            [{"uid": u} for u in uids[:count]],
            lambda s, v: neighborhood.neighborhood(s, v["uid"], depth=2, limit=100),
        ),
        Operation(
            "paths",
            "query($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 4, first: 3) "
            "{ length nodes { uid } } }",
            [{"a": a, "b": b} for a, b in pairs],
            lambda s, v: paths.find_paths(s, v["a"], v["b"], max_hops=4, first=3),
        ),
        Operation(
            "recommendPartners",
            "query($uid: String!) { recommendPartners(for: $uid, first: 10) { score partner { uid } reasons { zh } } }",
            [{"uid": u} for u in enterprises],
            lambda s, v: recommend_partners(s, v["uid"], first=10),
        ),
        Operation(
            "recommendTeam",
            "query($uid: String!) { recommendTeam(for: $uid, first: 3) { score members { partner { uid } } } }",
            [{"uid": u} for u in enterprises],
            lambda s, v: recommend_team(s, v["uid"], first=3),
        ),
    ]
    ops += [
        Operation(
            "chainGaps",
            "query($c: String!) { chainGaps(chain: $c, suggest: 0) "
            "{ segments { coverage { enterprises } gaps { kind } } } }",
            [{"c": chains[i % len(chains)]} for i in range(min(count, 20))] if chains else [],
            lambda s, v: chain_gaps(s, v["c"]),
            cached=True,
        ),
        Operation(
            "closeGaps",
            "query($c: String!) { closeGaps(chain: $c, budget: 5) { gain recruit { partner { uid } } } }",
            [{"c": chains[i % len(chains)]} for i in range(min(count, 10))] if chains else [],
            lambda s, v: close_gaps(s, v["c"], None, 5),
            cached=True,
        ),
        Operation(
            "transferChains",
            "query($u: String!) { transferChains(from: $u, first: 20) { complete steps { uid } } }",
            [{"u": u} for u in scientists[:count]],
            lambda s, v: transfer_chains(s, source=v["u"], first=20),
        ),
    ]
    return [op for op in ops if names is None or op.name in names]


def _replay(store: GraphStore, calls: list[Call]) -> float:
    started = time.perf_counter()
    for name, params, slots in calls:
        store.read(name, params, slots=slots)
    return time.perf_counter() - started


def measure(
    store: GraphStore,
    *,
    samples: int = 100,
    rounds: int = 2,
    names: list[str] | None = None,
    settings: Settings | None = None,
) -> dict[str, Latency]:
    """p50/p95 over HTTP and raw, and their ratio, per operation.

    The app is made with ``settings`` (those of the engine ``store`` is on, say) where given.
    """
    ops = operations(store, samples, names=names)
    results: dict[str, Latency] = {}
    # A loopback demo reads without a token; no cost or rate limit may shape the timings.
    settings = replace(settings or Settings(), max_cost=10**9, demo=True, host="127.0.0.1", rate_capacity=10**12)
    app = create_app(settings, store=store)
    with serving(app) as port:
        client = GraphQLClient(port)
        try:
            for op in ops:
                recorded: list[list[Call]] = []
                usable = []
                for variables in op.samples:
                    recorder = RecordingStore(store)
                    if op.cached:
                        clear_all()
                    try:
                        op.direct(recorder, variables)
                    except GraphServiceError:
                        continue  # e.g. an enterprise with no need and no field: nothing to recommend
                    recorded.append(recorder.calls)
                    usable.append(variables)
                for variables in usable[:5]:
                    client.post(op.query, variables)
                http_times: list[float] = []
                raw_times: list[float] = []
                for _ in range(rounds):
                    for variables, calls in zip(usable, recorded, strict=True):
                        if op.cached:
                            clear_all()
                        started = time.perf_counter()
                        client.post(op.query, variables)
                        http_times.append(time.perf_counter() - started)
                        raw_times.append(_replay(store, calls))
                http = summary_ms(http_times)
                raw = summary_ms(raw_times)
                results[op.name] = Latency(
                    http_p50_ms=http.p50_ms,
                    http_p95_ms=http.p95_ms,
                    raw_p50_ms=raw.p50_ms,
                    raw_p95_ms=raw.p95_ms,
                    overhead_p50=round(http.p50_ms / raw.p50_ms, 2) if raw.p50_ms else float("nan"),
                    queries_per_request=round(sum(len(c) for c in recorded) / len(recorded), 1),
                )
        finally:
            client.close()
    return results


def measure_projection(store: GraphStore) -> Projection:
    """Seconds to export the whole graph's analytics projection from Cypher into networkx."""
    started = time.perf_counter()
    graph, _ = analytics_projection(store, [])
    return Projection(round(time.perf_counter() - started, 2), graph.number_of_nodes(), graph.number_of_edges())


def growth_ratios(runs: Mapping[int, SizeRun]) -> dict[str, dict[str, float]]:
    """Per operation, HTTP p50 and p95 at the largest size over the next largest (1.0 is flat).

    A table row per operation; the p50 column names the two sizes.
    """
    sizes = sorted(runs)
    if len(sizes) < 2:
        return {}
    small, large = runs[sizes[-2]].latency, runs[sizes[-1]].latency
    out: dict[str, dict[str, float]] = {}
    for name in small.keys() & large.keys():
        out[name] = {
            f"p50 {sizes[-2]:,}->{sizes[-1]:,}": round(large[name].http_p50_ms / small[name].http_p50_ms, 2),
            "p95": round(large[name].http_p95_ms / small[name].http_p95_ms, 2),
        }
    return dict(sorted(out.items()))
