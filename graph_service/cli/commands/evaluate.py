"""``graph-service evaluate``: recommendation quality on held-out partnerships."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph_service.cli.context import Subparsers, open_graph
from graph_service.cli.progress import progress_bar


def register(sub: Subparsers) -> None:
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
    ev.add_argument(
        "--this-graph",
        action="store_true",
        help="evaluate the service's own graph (--graph), its introductions' outcomes included / 评估本服务的图谱",
    )
    ev.add_argument("--queries", type=int, default=300)
    ev.add_argument("--seed", type=int, default=7)
    ev.set_defaults(func=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from graph_service.bench.ecosystems import open_ecosystem
    from graph_service.bench.report import write_json
    from graph_service.services.evaluate.imported import evaluate_directory, import_files_of
    from graph_service.services.evaluate.run import evaluate
    from graph_service.services.evaluate.summary import render

    results: dict[str, object] = {}
    if args.this_graph:
        with open_graph(args) as store, progress_bar("evaluate this graph") as bar:
            result = evaluate(store, max_queries=args.queries, seed=args.seed, progress=bar)
            name = store.graph_name
        print(render(f"graph {name}", result))
        results[f"graph:{name}"] = result
    elif args.source:
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
                with (
                    open_ecosystem(size, link_model=link_model) as store,
                    progress_bar(f"evaluate {link_model} {size:,}") as bar,
                ):
                    result = evaluate(store, max_queries=args.queries, seed=args.seed, progress=bar)
                print(render(f"{size:,} synthetic entities, {link_model} link model", result))
                # Community results keep the key they always had, so earlier runs still compare.
                results[str(size) if link_model == "community" else f"{link_model}-{size}"] = result
    print(f"results written to {write_json('evaluate', results)}")
    return 0
