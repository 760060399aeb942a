"""``graph-service train``: the learned ranker, trained on the graph's own history."""

from __future__ import annotations

import argparse

from graph_service.cli.context import Subparsers, open_graph, print_json
from graph_service.cli.progress import progress_bar


def register(sub: Subparsers) -> None:
    tr = sub.add_parser("train", help="train the learned ranker on the graph's history / 训练推荐排序模型")
    tr.add_argument(
        "--year", type=int, help="hide ties from this year on (default: the latest with 50 new partnerships)"
    )
    tr.add_argument("--max-askers", type=int, default=400, help="askers sampled from that year on (default 400)")
    tr.add_argument("--seed", type=int, default=7)
    tr.add_argument("--json", action="store_true", help="print the report as JSON")
    tr.set_defaults(func=cmd_train)


def cmd_train(args: argparse.Namespace) -> int:
    from graph_service.services.match.training import train

    with open_graph(args) as store, progress_bar("train / 训练排序模型") as bar:
        report = train(store, seed=args.seed, year=args.year, max_askers=args.max_askers, progress=bar)
    if args.json:
        print_json(report)
        return 0
    print(f"stored {report.label} / 已保存排序模型 v{report.version}")
    print(
        f"  ties from {report.year} on hidden; askers {report.askers} ({report.queries} queries), examples "
        f"{report.examples}, positives {report.positives}, pool recall {report.pool_recall:.1%} ({report.seconds} s)"
    )
    validation = report.validation
    print(f"  cross-validated by asker / 交叉验证: {validation['queries']} queries, {validation['folds']} folds")
    for name in ("learned", "history only", "hand-weighted"):
        if name in validation:
            metrics = "  ".join(f"{metric} {value:.4f}" for metric, value in validation[name].items())
            print(f"    {name:<14}{metrics}")
    outcomes = validation.get("outcomes")
    if outcomes:
        print(
            f"  introduction outcomes / 对接结果: {report.outcomes} learned from "
            f"({outcomes['agreed']} agreed, {outcomes['declined']} declined held out by enterprise)"
        )
        for name, share in outcomes.get("agreed above declined", {}).items():
            if share is not None:
                print(f"    {name:<14}agreed above declined {share:.4f}")
    return 0
