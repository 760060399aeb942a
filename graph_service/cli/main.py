"""``graph-service``: serve, load the demo, import, export, generate, stats."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import socket
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass, replace
from pathlib import Path

from graph_service.cli.progress import progress_bar
from graph_service.config import Settings
from graph_service.errors import GraphServiceError, InvalidInputError
from graph_service.services.access.principal import LOCAL_OPERATOR, Role, set_acting
from graph_service.services.access.tokens import TokenStore
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore
from graph_service.store.factory import open_store

log = logging.getLogger("graph_service")


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    if getattr(args, "data_dir", None):
        settings = replace(settings, data_dir=Path(args.data_dir))
    if getattr(args, "graph", None):
        settings = replace(settings, graph_name=args.graph)
    return settings


def _open(args: argparse.Namespace) -> GraphStore:
    # Tools share the engine of a service already running on the same data directory.
    return open_store(_settings(args), attach=True)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from graph_service.api.app import create_app
    from graph_service.services.seed import load_demo

    settings = _settings(args)
    host = args.host or settings.host
    # Port 0 asks for a free port: `args.port or …` used to replace it by the default.
    port = settings.port if args.port is None else args.port
    workers = args.workers or settings.workers
    if port == 0 and workers > 1:
        # The workers' parent binds the port itself (api/workers.py); it is chosen just before.
        port = _free_port(host)
    # Anonymous reads are allowed only for a demo bound to loopback (see api/auth.py).
    settings = replace(settings, host=host, port=port, demo=args.demo or settings.demo, workers=workers)
    # Until uvicorn installs its own handlers, a SIGTERM must still shut the engine down.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
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
    from graph_service.api.http_protocol import HeaderTimeoutProtocol
    from graph_service.api.log_format import use_json_logs
    from graph_service.api.workers import listening_socket

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


def _free_port(host: str) -> int:
    """A port free on ``host`` now (the system's choice)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _serve_workers(settings: Settings, store: GraphStore) -> int:
    from graph_service.api.log_format import use_json_logs
    from graph_service.api.workers import serve_workers

    use_json_logs()
    print(f"{settings.workers} workers share the engine / {settings.workers} 个服务进程共用引擎", file=sys.stderr)
    try:
        # This process keeps the engine (and its restarts) while uvicorn runs the workers.
        serve_workers(settings)
    finally:
        store.close()
    return 0


def cmd_load_seed(args: argparse.Namespace) -> int:
    from graph_service.services.seed import load_demo

    store = _open(args)
    try:
        with progress_bar("seed / 种子数据") as bar:
            report = load_demo(store, synthetic_size=args.synthetic, synthetic_seed=args.seed, progress=bar)
    finally:
        store.close()
    print(json.dumps(_asdict(report), ensure_ascii=False))
    return 0


def _asdict(obj: object) -> dict[str, object]:
    return asdict(obj) if is_dataclass(obj) and not isinstance(obj, type) else {}


def cmd_import(args: argparse.Namespace) -> int:
    from graph_service.services.ingest.importer import import_files

    store = _open(args)
    try:
        with progress_bar("import / 导入") as bar:
            report = import_files(
                store,
                [Path(p) for p in args.paths],
                progress=bar,
                batch_size=args.batch_size,
                encoding=args.encoding,
                allow_duplicates=args.allow_duplicates,
            )
    finally:
        store.close()
    print(json.dumps(_asdict(report), ensure_ascii=False, default=str))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graph_service.services.export import export_graph

    store = _open(args)
    try:
        report = export_graph(store, args.format, Path(args.out))
    finally:
        store.close()
    print(json.dumps(_asdict(report), ensure_ascii=False, default=str))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from graph_service.services.seed import load_demo, read_seed
    from graph_service.synthetic import Reference, generate
    from graph_service.synthetic.writer import write_jsonl

    if args.out:
        reference = Reference.from_records(read_seed())
        started = time.perf_counter()
        entities, relations = write_jsonl(generate(args.entities, args.seed, reference), Path(args.out))
        seconds = time.perf_counter() - started
        print(json.dumps({"entities": entities, "relations": relations, "seconds": round(seconds, 1)}))
        return 0
    store = _open(args)
    try:
        with progress_bar("generate / 生成") as bar:
            report = load_demo(store, synthetic_size=args.entities, synthetic_seed=args.seed, progress=bar)
    finally:
        store.close()
    print(json.dumps(_asdict(report)))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        stats = graph_stats(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(_asdict(stats), ensure_ascii=False))
        return 0
    print(f"{'kind / 类型':<24}{'total':>10}{'synthetic':>12}")
    for k in stats.kinds:
        print(f"{k.kind:<24}{k.total:>10}{k.synthetic:>12}")
    print(f"{'entities / 实体':<24}{stats.entity_total:>10}")
    print()
    print(f"{'relationship / 关系':<24}{'total':>10}")
    for name, total in sorted(stats.relations.items()):
        print(f"{name:<24}{total:>10}")
    print(f"{'relationships / 关系':<24}{stats.relation_total:>10}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from graph_service.ops.backup import backup

    store = _open(args)
    try:
        report = backup(store, Path(args.to))
    finally:
        store.close()
    print(json.dumps(_asdict(report), ensure_ascii=False))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from graph_service.ops.restore import restore

    store = _open(args)
    try:
        report = restore(store, Path(args.source), force=args.force)
    finally:
        store.close()
    print(json.dumps(_asdict(report), ensure_ascii=False))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from graph_service.api.schema import build_schema

    sys.stdout.write(build_schema().as_str() + "\n")
    return 0


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


def cmd_evaluate(args: argparse.Namespace) -> int:
    from graph_service.bench.ecosystems import open_ecosystem
    from graph_service.bench.report import write_json
    from graph_service.services.evaluate.imported import evaluate_directory, import_files_of
    from graph_service.services.evaluate.run import evaluate
    from graph_service.services.evaluate.summary import render

    results: dict[str, object] = {}
    if args.source:
        directory = Path(args.source)
        files = import_files_of(directory)
        print(f"importing {len(files)} file(s) from {directory} into a scratch engine…", file=sys.stderr)
        with progress_bar(f"evaluate {directory.name}") as bar:
            result = evaluate_directory(directory, max_queries=args.queries, seed=args.seed, progress=bar)
        imported = result["imported"]
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(imported["entities"].items()))
        print(render(f"{directory.name} (imported: {counts})", result))
        results[f"from:{directory.name}"] = result
    else:
        for link_model in args.link_model:
            for size in args.entities:
                store = open_ecosystem(size, link_model=link_model)
                try:
                    with progress_bar(f"evaluate {link_model} {size:,}") as bar:
                        result = evaluate(store, max_queries=args.queries, seed=args.seed, progress=bar)
                finally:
                    store.close()
                print(render(f"{size:,} synthetic entities, {link_model} link model", result))
                # Community results keep the key they always had, so earlier runs still compare.
                results[str(size) if link_model == "community" else f"{link_model}-{size}"] = result
    print(f"results written to {write_json('evaluate', results)}")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from graph_service.services.match.training import train

    store = _open(args)
    try:
        with progress_bar("train / 训练排序模型") as bar:
            report = train(store, seed=args.seed, year=args.year, max_askers=args.max_askers, progress=bar)
    finally:
        store.close()
    if args.json:
        print(json.dumps(_asdict(report), ensure_ascii=False))
        return 0
    print(f"stored {report.label} / 已保存排序模型 v{report.version}")
    print(
        f"  ties from {report.year} on hidden; askers {report.askers} ({report.queries} queries), examples "
        f"{report.examples}, positives {report.positives}, pool recall {report.pool_recall:.1%} ({report.seconds} s)"
    )
    validation = report.validation
    print(f"  cross-validated by asker / 交叉验证: {validation['queries']} queries, {validation['folds']} folds")
    for name in ("learned", "hand-weighted"):
        if name in validation:
            metrics = "  ".join(f"{metric} {value:.4f}" for metric, value in validation[name].items())
            print(f"    {name:<14}{metrics}")
    return 0


def cmd_report_gaps(args: argparse.Namespace) -> int:
    from graph_service.services.chains.gaps import chain_gaps
    from graph_service.services.chains.report_export import export_gap_report

    store = _open(args)
    try:
        report = chain_gaps(store, args.chain, args.region)
    finally:
        store.close()
    print(export_gap_report(report, Path(args.out)))
    return 0


def cmd_report_ecosystem(args: argparse.Namespace) -> int:
    from graph_service.services.analytics.report import compute
    from graph_service.services.analytics.report_export import export_ecosystem_report

    store = _open(args)
    try:
        report = compute(store, args.region, top=args.top)
    finally:
        store.close()
    print(export_ecosystem_report(report, Path(args.out)))
    return 0


def _tokens(args: argparse.Namespace) -> TokenStore:
    return TokenStore(_settings(args).token_path)


def cmd_token_create(args: argparse.Namespace) -> int:
    role = Role(args.role)
    if args.entity:
        store = _open(args)
        try:
            rows = store.read("entity_kinds", {"uids": [args.entity]})
        finally:
            store.close()
        if not rows or rows[0]["kind"] != "Enterprise":
            raise InvalidInputError(f"'{args.entity}' is not an enterprise / 「{args.entity}」不是企业")
    token, record = _tokens(args).create(role, args.entity, args.name or "")
    print(
        f"token {record.id} ({record.role}{', ' + record.entity if record.entity else ''}) — shown once / 仅显示一次:"
    )
    print(token)
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    record = _tokens(args).revoke(args.id)
    print(f"token {record.id} revoked at {record.revoked_at} / 已吊销")
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    for r in _tokens(args).list():
        state = f"revoked {r.revoked_at}" if r.revoked_at else "active"
        print(f"{r.id}  {r.role:<10} {r.entity or '-':<24} {r.name or '-':<16} created {r.created_at}  {state}")
    return 0


def _client_options(parser: argparse.ArgumentParser, *, seconds: float) -> None:
    """Options of the benchmarks that run concurrent clients against a server."""
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients / 并发客户端数")
    parser.add_argument("--seconds", type=float, default=seconds, help="measured duration / 测量时长（秒）")
    parser.add_argument("--entities", type=int, default=3000, help="synthetic entities in the graph / 合成实体数")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1], help="service processes (throughput: one run each) / 服务进程数"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="graph-service", description="Ecosystem Graph / 创新生态图谱")
    parser.add_argument("--data-dir", help="embedded engine data directory (GRAPH_SERVICE_DATA_DIR)")
    parser.add_argument("--graph", help="graph name (GRAPH_SERVICE_GRAPH)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve GraphQL / 启动服务")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--demo", action="store_true", help="load the demo ecosystem first / 先载入演示数据")
    serve.add_argument(
        "--workers", type=int, help="service processes sharing one engine (default 1) / 服务进程数（共用一个引擎）"
    )
    serve.set_defaults(func=cmd_serve)

    token = sub.add_parser("token", help="API tokens: create, revoke, list / 访问令牌")
    token_sub = token.add_subparsers(dest="token", required=True)
    create = token_sub.add_parser("create", help="create a token (printed once) / 创建令牌")
    create.add_argument("--role", required=True, choices=[r.value for r in Role if r is not Role.ANONYMOUS])
    create.add_argument("--entity", help="the enterprise uid an enterprise token speaks for / 企业角色绑定的企业")
    create.add_argument("--name", help="who or what the token is for / 用途说明")
    create.set_defaults(func=cmd_token_create)
    revoke = token_sub.add_parser("revoke", help="revoke a token by its id / 吊销令牌")
    revoke.add_argument("id")
    revoke.set_defaults(func=cmd_token_revoke)
    token_sub.add_parser("list", help="list tokens (never their secrets) / 列出令牌").set_defaults(func=cmd_token_list)

    seed = sub.add_parser("load-seed", help="load the seed ecosystem and a synthetic population / 载入种子数据")
    seed.add_argument("--synthetic", type=int, default=3000, help="synthetic entities (0 for none)")
    seed.add_argument("--seed", type=int, default=2024)
    seed.set_defaults(func=cmd_load_seed)

    imp = sub.add_parser("import", help="import CSV / JSONL / Excel files / 导入")
    imp.add_argument("paths", nargs="+")
    imp.add_argument("--batch-size", type=int, default=2000)
    imp.add_argument(
        "--encoding",
        help="encoding of the CSV/TSV/JSON files, e.g. gbk, latin-1 (default: UTF-8, or GB18030 when the text "
        "reads as Chinese) / 文本文件的编码",
    )
    imp.add_argument(
        "--allow-duplicates",
        action="store_true",
        help="merge records given more than once, later rows winning; the report lists overwritten values "
        "(default: refuse them) / 允许重复记录（后者覆盖，报告列出被覆盖的值）",
    )
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="export JSON / CSV / GraphML / 导出")
    exp.add_argument("--format", choices=("json", "csv", "graphml"), required=True)
    exp.add_argument("--out", required=True)
    exp.set_defaults(func=cmd_export)

    gen = sub.add_parser("generate", help="generate a synthetic ecosystem / 生成合成数据")
    gen.add_argument("--entities", type=int, required=True)
    gen.add_argument("--seed", type=int, default=1)
    gen.add_argument("--out", help="write JSONL files here instead of loading the graph")
    gen.set_defaults(func=cmd_generate)

    stats = sub.add_parser("stats", help="counts by kind and relationship type / 统计")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)

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

    report = sub.add_parser("report", help="reports for analysts / 分析报告")
    report_sub = report.add_subparsers(dest="report", required=True)
    gaps = report_sub.add_parser("gaps", help="an industry chain's gap report as .xlsx or .csv / 产业链缺口报告")
    gaps.add_argument("--chain", required=True, help="chain uid, e.g. chain:ic")
    gaps.add_argument("--region")
    gaps.add_argument("--out", required=True, help="file ending in .xlsx or .csv")
    gaps.set_defaults(func=cmd_report_gaps)
    eco = report_sub.add_parser(
        "ecosystem", help="brokers, communities, isolated entities, four parties as .xlsx or .csv / 生态分析报告"
    )
    eco.add_argument("--region")
    eco.add_argument("--top", type=int, default=100, help="rows per ranked list (default 100)")
    eco.add_argument("--out", required=True, help="file ending in .xlsx or .csv")
    eco.set_defaults(func=cmd_report_ecosystem)

    ev = sub.add_parser("evaluate", help="recommendation quality on held-out partnerships / 推荐质量评估")
    ev.add_argument("--entities", type=int, nargs="+", default=[3000], help="synthetic sizes / 合成实体数")
    ev.add_argument(
        "--link-model",
        nargs="+",
        choices=("community", "structural"),
        default=["community"],
        help="synthetic link model: community (field/region homophily) or structural (triadic closure, popularity)",
    )
    ev.add_argument(
        "--from",
        dest="source",
        metavar="DIR",
        help="evaluate on the import files in DIR instead (see README) / 用目录中的导入文件评估",
    )
    ev.add_argument("--queries", type=int, default=300)
    ev.add_argument("--seed", type=int, default=7)
    ev.set_defaults(func=cmd_evaluate)

    tr = sub.add_parser("train", help="train the learned ranker on the graph's history / 训练推荐排序模型")
    tr.add_argument(
        "--year", type=int, help="hide ties from this year on (default: the latest with 50 new partnerships)"
    )
    tr.add_argument("--max-askers", type=int, default=400, help="askers sampled from that year on (default 400)")
    tr.add_argument("--seed", type=int, default=7)
    tr.add_argument("--json", action="store_true", help="print the report as JSON")
    tr.set_defaults(func=cmd_train)

    bkp = sub.add_parser(
        "backup", help="write a consistent snapshot of the graph, also while serving / 备份图谱（服务运行中亦可）"
    )
    bkp.add_argument("--to", required=True, help="backup file to write (.jsonl.gz) / 备份文件")
    bkp.set_defaults(func=cmd_backup)

    rst = sub.add_parser("restore", help="restore a backup into the graph / 从备份恢复图谱")
    rst.add_argument("--from", dest="source", required=True, help="backup file to read / 备份文件")
    rst.add_argument("--force", action="store_true", help="replace a graph that is not empty / 覆盖非空图谱（先清空）")
    rst.set_defaults(func=cmd_restore)

    schema = sub.add_parser("schema", help="print the GraphQL schema (SDL) / 输出 GraphQL 模式")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    # Whoever runs a command can read the data directory, and so everything in it.
    set_acting(LOCAL_OPERATOR)
    try:
        code: int = args.func(args)
    except InvalidInputError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    except GraphServiceError as exc:
        print(f"error [{exc.code}]: {exc}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
