"""``graph-service backup`` and ``restore``: a consistent snapshot of the graph, and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_service.cli.context import Subparsers, open_graph, print_json


def register(sub: Subparsers) -> None:
    bkp = sub.add_parser(
        "backup", help="write a consistent snapshot of the graph, also while serving / 备份图谱（服务运行中亦可）"
    )
    bkp.add_argument("--to", required=True, help="backup file to write (.jsonl.gz) / 备份文件")
    bkp.set_defaults(func=cmd_backup)

    rst = sub.add_parser("restore", help="restore a backup into the graph / 从备份恢复图谱")
    rst.add_argument("--from", dest="source", required=True, help="backup file to read / 备份文件")
    rst.add_argument("--force", action="store_true", help="replace a graph that is not empty / 覆盖非空图谱（先清空）")
    rst.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from graph_service.ops.backup import backup

    with open_graph(args) as store:
        report = backup(store, Path(args.to))
    print_json(report)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from graph_service.ops.restore import restore

    with open_graph(args) as store:
        report = restore(store, Path(args.source), force=args.force)
    print_json(report)
    return 0
