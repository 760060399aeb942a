"""Prometheus metrics at ``/metrics``: requests, latency, and the engine's restarts and memory.

Each app has its own registry, so several apps in one process (tests, benchmarks) never
share or double-register series. Labels are bounded: a route from a fixed list, and a
GraphQL operation as its type plus a root field the schema has (anything else is
``other``), never a client-chosen operation name.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

from graph_service.store import GraphStore

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Seconds; GraphQL answers range from sub-millisecond lookups to multi-second analytics.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class EngineCollector(Collector):
    """Reads the engine's facts (restarts counted by the supervisor, RSS, whether it answers) at scrape time."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store

    def collect(self) -> Iterator[Metric]:
        info = self._store.engine_info()
        restarts = CounterMetricFamily(
            "graph_service_engine_restarts", "Times the supervisor restarted a dead graph engine"
        )
        restarts.add_metric([], float(info.get("restarts") or 0))
        yield restarts
        up = GaugeMetricFamily("graph_service_engine_up", "1 when the graph engine answers a ping")
        up.add_metric([], 1.0 if self._store.ping() else 0.0)
        yield up
        rss = info.get("rss_bytes")
        if rss is not None:
            memory = GaugeMetricFamily("graph_service_engine_resident_memory_bytes", "Graph engine RSS")
            memory.add_metric([], float(rss))
            yield memory


class Metrics:
    """The app's registry and the series the request middleware feeds."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        self.requests = Counter(
            "graph_service_requests",
            "HTTP requests by route, GraphQL operation and status",
            ["route", "operation", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "graph_service_request_duration_seconds",
            "HTTP request latency by route and GraphQL operation",
            ["route", "operation"],
            buckets=BUCKETS,
            registry=self.registry,
        )

    @contextlib.contextmanager
    def watching_engine(self, store: GraphStore) -> Iterator[None]:
        """Report the engine's facts while the app serves it: from start-up to shutdown."""
        collector = EngineCollector(store)
        self.registry.register(collector)
        try:
            yield
        finally:
            self.registry.unregister(collector)

    def observe_request(self, route: str, operation: str, status: int, seconds: float) -> None:
        self.requests.labels(route, operation, str(status)).inc()
        self.latency.labels(route, operation).observe(seconds)

    async def endpoint(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        # The engine ping in a collector may block briefly: keep it off the event loop.
        body = await run_in_threadpool(generate_latest, self.registry)
        return Response(body, media_type=CONTENT_TYPE)
