"""The graph's data: ``load-seed``, ``import``, ``export``, ``generate``, ``stats`` and ``rebuild-derived``."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from graph_service.cli.context import Subparsers, open_graph, print_json
from graph_service.cli.progress import progress_bar
from graph_service.services.stats import graph_stats


def register(sub: Subparsers) -> None:
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

    derived = sub.add_parser(
        "rebuild-derived",
        help="count field rosters, most-connected lists and segment tallies again, after a write whose "
        "refresh failed / 重新计算派生数据",
    )
    derived.set_defaults(func=cmd_rebuild_derived)


def cmd_load_seed(args: argparse.Namespace) -> int:
    from graph_service.services.seed import load_demo

    with open_graph(args) as store, progress_bar("seed / 种子数据") as bar:
        report = load_demo(store, synthetic_size=args.synthetic, synthetic_seed=args.seed, progress=bar)
    print_json(report)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from graph_service.services.ingest.importer import import_files

    with open_graph(args) as store, progress_bar("import / 导入") as bar:
        report = import_files(
            store,
            [Path(p) for p in args.paths],
            progress=bar,
            batch_size=args.batch_size,
            encoding=args.encoding,
            allow_duplicates=args.allow_duplicates,
        )
    print_json(report)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graph_service.services.export import export_graph

    with open_graph(args) as store:
        report = export_graph(store, args.format, Path(args.out))
    print_json(report)
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
    with open_graph(args) as store, progress_bar("generate / 生成") as bar:
        report = load_demo(store, synthetic_size=args.entities, synthetic_seed=args.seed, progress=bar)
    print_json(report)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with open_graph(args) as store:
        stats = graph_stats(store)
    if args.json:
        print_json(stats)
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


def cmd_rebuild_derived(args: argparse.Namespace) -> int:
    from graph_service.ops.derived import rebuild_derived

    with open_graph(args) as store:
        print_json(rebuild_derived(store))
    return 0
