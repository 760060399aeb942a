"""``graph-service bench api | load | throughput | import | engines | event | service-team | programmes``.

Benchmarks that print numbers, kept as JSON.
"""

from __future__ import annotations

import argparse

from graph_service.cli.context import Subparsers
from graph_service.services.stats import graph_stats


def register(sub: Subparsers) -> None:
    bench = sub.add_parser("bench", help="benchmarks that print numbers / 基准测试")
    bench_sub = bench.add_subparsers(dest="bench", required=True)
    bench_api = bench_sub.add_parser("api", help="API latency over HTTP beside raw engine time")
    bench_api.add_argument("--entities", type=int, nargs="+", default=[3000, 100_000])
    bench_api.add_argument("--samples", type=int, default=100)
    bench_api.add_argument("--only", nargs="+", help="operations to measure (default: all)")
    bench_api.add_argument(
        "--projection", action="store_true", help="also time building the whole graph's analytics projection"
    )
    bench_api.set_defaults(func=cmd_bench_api)
    bench_load = bench_sub.add_parser(
        "load", help="concurrent mixed read/write clients against a real server / 并发读写压测"
    )
    _client_options(bench_load, seconds=30.0)
    bench_load.add_argument("--warmup", type=float, default=5.0, help="unmeasured warm-up seconds / 预热时长（秒）")
    bench_load.set_defaults(func=cmd_bench_load)
    throughput = bench_sub.add_parser(
        "throughput", help="light-query throughput beside a bare strawberry app's / 轻查询吞吐与框架上限"
    )
    _client_options(throughput, seconds=15.0)
    throughput.set_defaults(func=cmd_bench_throughput)
    bench_import = bench_sub.add_parser("import", help="import throughput and engine memory")
    bench_import.add_argument("--entities", type=int, nargs="+", default=[100_000])
    bench_import.set_defaults(func=cmd_bench_import)
    engines = bench_sub.add_parser(
        "engines", help="FalkorDB beside Neo4j, and @neo4j/graphql beside us / 两种引擎对比及与 @neo4j/graphql 对比"
    )
    engines.add_argument("--entities", type=int, default=10_000, help="synthetic entities / 合成实体数")
    engines.add_argument("--samples", type=int, default=50, help="requests per operation / 每项操作的请求数")
    engines.add_argument("--clients", type=int, default=8, help="concurrent clients for throughput / 并发客户端数")
    engines.add_argument(
        "--seconds", type=float, default=5.0, help="seconds per latency and per throughput run / 每轮测量时长（秒）"
    )
    engines.add_argument("--heap", default="2g", help="the local Neo4j's JVM heap / 本地 Neo4j 的 JVM 堆大小")
    engines.set_defaults(func=cmd_bench_engines)
    team = bench_sub.add_parser(
        "service-team", help="an expert service team over a district: read, optimise, memory / 专家服务团基准"
    )
    team.add_argument("--entities", type=int, default=100_000, help="synthetic entities / 合成实体数")
    team.add_argument("--size", type=int, default=10, help="team size / 团队人数")
    team.add_argument("--region", help="the district (default: the one nearest 2,000 enterprises) / 地区")
    team.add_argument("--repeats", type=int, default=3, help="measured runs, the median printed / 测量次数")
    team.set_defaults(func=cmd_bench_service_team)
    programmes = bench_sub.add_parser(
        "programmes", help="talent map and workstation review timings / 人才图谱与工作站评估耗时"
    )
    programmes.add_argument("--entities", type=int, default=3000)
    programmes.add_argument("--chains", nargs="+", default=["chain:ic", "chain:biomed"])
    programmes.add_argument("--region", default="成都市")
    programmes.add_argument("--since", type=int, default=2020)
    programmes.add_argument("--samples", type=int, default=5)
    programmes.set_defaults(func=cmd_bench_programmes)
    event = bench_sub.add_parser(
        "event", help="a matchmaking event plan: scoring beside optimisation, and memory / 精准对接会排程"
    )
    event.add_argument("--entities", type=int, default=10_000, help="synthetic entities / 合成实体数")
    event.add_argument("--enterprises", type=int, default=200, help="enterprises at the event / 参会企业数")
    event.add_argument("--partners", type=int, default=500, help="partners given in the second plan / 对接对象数")
    event.add_argument("--rounds", type=int, default=6, help="rounds / 轮次")
    event.set_defaults(func=cmd_bench_event)


def _client_options(parser: argparse.ArgumentParser, *, seconds: float) -> None:
    """Options of the benchmarks that run concurrent clients against a server."""
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients / 并发客户端数")
    parser.add_argument("--seconds", type=float, default=seconds, help="measured duration / 测量时长（秒）")
    parser.add_argument("--entities", type=int, default=3000, help="synthetic entities in the graph / 合成实体数")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1], help="service processes (throughput: one run each) / 服务进程数"
    )


def cmd_bench_api(args: argparse.Namespace) -> int:
    from graph_service.bench.api_latency import SizeRun, growth_ratios, measure, measure_projection
    from graph_service.bench.ecosystems import open_ecosystem
    from graph_service.bench.report import print_table, write_json

    runs: dict[int, SizeRun] = {}
    for size in args.entities:
        with open_ecosystem(size) as store:
            table = measure(store, samples=args.samples, names=args.only)
            stats = graph_stats(store)
            rss = store.engine_info().get("rss_bytes")
            projection = measure_projection(store) if args.projection else None
        print_table(
            f"{size:,} synthetic entities ({stats.entity_total:,} entities, {stats.relation_total:,} relationships)",
            table,
        )
        if projection:
            print(
                f"analytics projection: {projection.seconds} s ({projection.nodes:,} nodes, {projection.edges:,} edges)"
            )
        runs[size] = SizeRun(stats.entity_total, stats.relation_total, rss, table, projection)
    results: dict[str, object] = {str(size): run for size, run in runs.items()}
    growth = growth_ratios(runs)
    if growth:
        print_table("growth of HTTP p50 / p95 between the two largest sizes", growth)
        results["growth"] = growth
    print(f"results written to {write_json('api', results)}")
    return 0


def cmd_bench_import(args: argparse.Namespace) -> int:
    from graph_service.bench.import_rate import measure
    from graph_service.bench.report import print_table, write_json

    results = {f"{size:,}": measure(size) for size in args.entities}
    print_table("import throughput (validation + write, embedded engine)", results)
    print(f"results written to {write_json('import', results)}")
    return 0


def cmd_bench_throughput(args: argparse.Namespace) -> int:
    from graph_service.bench.load import run_throughput
    from graph_service.bench.report import print_table, write_json

    result = run_throughput(args.clients, args.seconds, size=args.entities, workers=args.workers)
    print_table(f"{args.clients} clients for {args.seconds} s, light query vs the framework's ceiling", result.rows())
    print(f"share of the ceiling / 占框架上限: {result.share_of_ceiling:.0%}")
    print(f"results written to {write_json('throughput', result.as_json())}")
    return 0


def cmd_bench_load(args: argparse.Namespace) -> int:
    from graph_service.bench.load import run_load
    from graph_service.bench.report import print_table, write_json

    result = run_load(args.clients, args.seconds, size=args.entities, warmup=args.warmup, workers=args.workers[0])
    title = (
        f"{result.clients} clients for {result.seconds} s on {result.entities:,} synthetic entities "
        f"(errors: {result.errors})"
    )
    print_table(title, {"all": result.all, **result.operations})
    for name, message in result.first_errors.items():
        print(f"first {name} error / 首个错误: {message}")

    def mib(value: int | None) -> str:
        return f"{value / 2**20:.1f} MiB" if isinstance(value, int) else "?"

    start, end = result.memory_start, result.memory_end
    print(f"server RSS / 内存: start {mib(start.server_rss_bytes)}, end {mib(end.server_rss_bytes)}")
    print(f"engine RSS / 内存: start {mib(start.engine_rss_bytes)}, end {mib(end.engine_rss_bytes)}")
    print(f"results written to {write_json('load', result)}")
    return 0


def cmd_bench_engines(args: argparse.Namespace) -> int:
    from graph_service.bench.engines import run
    from graph_service.bench.report import print_table, write_json

    result = run(args.entities, samples=args.samples, clients=args.clients, seconds=args.seconds, heap=args.heap)
    for name, engine in (("FalkorDB (embedded)", result.falkordb), ("Neo4j 5 (local)", result.neo4j)):
        print_table(
            f"{name}: {engine.entities:,} entities, {engine.relations:,} relationships; HTTP beside raw engine time",
            engine.latency,
        )
    print_table(
        "import (validation + write) beside raw writes / 导入速率",
        {"falkordb": result.falkordb.import_rate, "neo4j": result.neo4j.import_rate},
    )
    for name, engine in (("FalkorDB", result.falkordb), ("Neo4j", result.neo4j)):
        loaded = f"{engine.load_s} s" if engine.load_s is not None else "reused from var/bench / 复用已建数据"
        print(f"{name}: ecosystem loaded in / 生态载入用时 {loaded}")
    print_table("engine memory / 引擎内存 (MiB)", {"falkordb": result.falkordb.memory, "neo4j": result.neo4j.memory})
    comparison = result.neo4j_graphql
    for op, systems in comparison.operations.items():
        print_table(
            f"{op}: @neo4j/graphql {comparison.version} ({comparison.server}) beside us; "
            f"1 client, then {comparison.clients} for throughput",
            systems,
        )
    for op, reason in comparison.not_expressed.items():
        print(f"@neo4j/graphql cannot express / 无法表达 {op}: {reason}")
    print(f"results written to {write_json('engines', result)}")
    print(result.last_line())
    return 0


def cmd_bench_service_team(args: argparse.Namespace) -> int:
    from graph_service.bench.ecosystems import open_ecosystem
    from graph_service.bench.report import print_table, write_json
    from graph_service.bench.service_team import measure

    with open_ecosystem(args.entities) as store:
        stats = graph_stats(store)
        run = measure(store, size=args.size, district=args.region, repeats=args.repeats)
    title = (
        f"service team over {run.district} ({run.enterprises:,} enterprises) in {args.entities:,} synthetic entities "
        f"({stats.entity_total:,} entities, {stats.relation_total:,} relationships)"
    )
    print_table(title, {"service_team": run})
    print(f"results written to {write_json('service_team', run)}")
    print(run.last_line())
    return 0


def cmd_bench_programmes(args: argparse.Namespace) -> int:
    from graph_service.bench.ecosystems import open_ecosystem
    from graph_service.bench.programmes import measure
    from graph_service.bench.report import print_table

    with open_ecosystem(args.entities) as store:
        rows = measure(store, args.chains, args.region, args.since, args.samples)
    print_table(f"{args.entities:,} synthetic entities, {args.samples} samples each", rows)
    return 0


def cmd_bench_event(args: argparse.Namespace) -> int:
    from graph_service.bench import event
    from graph_service.bench.ecosystems import open_ecosystem
    from graph_service.bench.report import print_table, write_json

    with open_ecosystem(args.entities) as store:
        stats = graph_stats(store)
        recommended, given = event.measure(
            store, enterprises=args.enterprises, partners=args.partners, rounds=args.rounds
        )
        rss = store.engine_info().get("rss_bytes")
    engine_mb = f"{rss / 2**20:.0f} MB" if isinstance(rss, int) else "unknown"
    print_table(
        f"event plans on {args.entities:,} synthetic entities ({stats.entity_total:,} entities; engine {engine_mb})",
        {"recommended": recommended, "given": given},
    )
    print(f"results written to {write_json('event', {'recommended': recommended, 'given': given})}")
    print(event.summary(recommended).replace("event ", "event-recommended ", 1))
    print(event.summary(given))
    return 0
