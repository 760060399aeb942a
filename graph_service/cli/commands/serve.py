"""``graph-service serve``: the GraphQL service, in one process or in workers sharing one engine."""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import sys
import time
from dataclasses import replace

from graph_service.cli.context import Subparsers, settings_of
from graph_service.cli.progress import progress_bar
from graph_service.config import Settings
from graph_service.services.access.principal import set_acting
from graph_service.store import GraphStore
from graph_service.store.factory import open_store


def register(sub: Subparsers) -> None:
    serve = sub.add_parser("serve", help="serve GraphQL / 启动服务")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--demo", action="store_true", help="load the demo ecosystem first / 先载入演示数据")
    serve.add_argument(
        "--workers", type=int, help="service processes sharing one engine (default 1) / 服务进程数（共用一个引擎）"
    )
    serve.add_argument(
        "--replicas",
        type=int,
        default=0,
        help="start a replicated engine on loopback first: a primary, this many replicas and three Sentinels "
        "(docs/replication.md) / 先在本机启动复制部署：一个主节点、若干副本和三个哨兵",
    )
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    # Until uvicorn installs its own handlers, a SIGTERM must still shut the engine down.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    if args.replicas < 0:
        print("error: --replicas must be at least 0 / --replicas 不得小于 0", file=sys.stderr)
        return 2
    if not args.replicas:
        return _serve(args, settings)
    from graph_service.store.replicated.topology import LoopbackTopology

    topology = LoopbackTopology(
        settings.data_dir / "replicated", replicas=args.replicas, fsync=settings.fsync, acl=True
    )
    started = time.perf_counter()
    topology.start()
    try:
        print(
            f"replicated engine: a primary, {args.replicas} replicas and 3 sentinels at "
            f"{topology.sentinels_setting()} ready in {time.perf_counter() - started:.1f} s "
            f"(down-after {topology.timings.down_after_ms} ms, failover-timeout "
            f"{topology.timings.failover_timeout_ms} ms) / 复制部署已就绪",
            file=sys.stderr,
        )
        replicated = replace(
            settings,
            sentinels=topology.sentinels_setting(),
            sentinel_service=topology.service,
            engine_user=topology.username or "",
            engine_password=topology.password,
            sentinel_password=topology.sentinel_password,
        )
        return _serve(args, replicated)
    finally:
        topology.stop()


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from graph_service.api.app import create_app
    from graph_service.services.seed import load_demo

    host = args.host or settings.host
    # Port 0 asks for a free port: `args.port or …` used to replace it by the default.
    port = settings.port if args.port is None else args.port
    workers = args.workers or settings.workers
    if port == 0 and workers > 1:
        # The workers' parent binds the port itself (api/http/workers.py); it is chosen just before.
        port = _free_port(host)
    # Anonymous reads are allowed only for a demo bound to loopback (see api/graphql/auth.py).
    settings = replace(settings, host=host, port=port, demo=args.demo or settings.demo, workers=workers)
    store = open_store(settings)
    try:
        if args.demo:
            started = time.perf_counter()
            with progress_bar("demo data / 演示数据") as bar:
                report = load_demo(store, progress=bar)
            print(
                f"demo ecosystem loaded: {report.seed_entities} seed entities, "
                f"{report.synthetic_entities} synthetic entities, "
                f"{report.seed_relations + report.synthetic_relations} relationships "
                f"in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
        _refresh_search_terms(store)
        if settings.workers > 1:
            print(f"serving on http://{host}:{port}/graphql", file=sys.stderr)
    except BaseException:
        store.close()
        raise
    if settings.workers > 1:
        return _serve_workers(settings, store)
    # Requests act as their token says, never as the operator who started the server.
    set_acting(None)
    # The app closes the store at shutdown (uvicorn ends the process by re-raising SIGTERM).
    from graph_service.api.http.log_format import use_json_logs
    from graph_service.api.http.protocol import HeaderTimeoutProtocol
    from graph_service.api.http.workers import listening_socket

    # JSON lines with our own access line (request id, operation); uvicorn leaves logging alone.
    use_json_logs()
    config = uvicorn.Config(
        create_app(settings, store=store, close_store=True),
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        http=HeaderTimeoutProtocol,
    )
    # Bound here, so the port printed is the one bound, also when port 0 let the system choose.
    sock = listening_socket(config)
    bound = int(sock.getsockname()[1])
    print(f"serving on http://{host}:{bound}/graphql", file=sys.stderr)
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])
    # As uvicorn.run: a server that never started (the app's start-up failed) is a failure.
    return 0 if server.started else 3


def _refresh_search_terms(store: GraphStore) -> None:
    """Re-derive search terms stored by an earlier version (once: afterwards they match)."""
    from graph_service.services.ingest.search_refresh import refresh_search_terms, search_terms_stale

    if search_terms_stale(store):
        started = time.perf_counter()
        with progress_bar("search terms / 检索词") as bar:
            count = refresh_search_terms(store, progress=bar)
        print(f"search terms re-derived for {count} entities in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _free_port(host: str) -> int:
    """A port free on ``host`` now (the system's choice)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _serve_workers(settings: Settings, store: GraphStore) -> int:
    from graph_service.api.app import create_worker_app
    from graph_service.api.http.log_format import use_json_logs
    from graph_service.api.http.workers import serve_workers

    use_json_logs()
    print(f"{settings.workers} workers share the engine / {settings.workers} 个服务进程共用引擎", file=sys.stderr)
    try:
        # This process keeps the engine (and its restarts) while uvicorn runs the workers.
        serve_workers(settings, create_worker_app)
    finally:
        store.close()
    return 0
