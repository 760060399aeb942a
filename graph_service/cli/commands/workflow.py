"""``graph-service workflow sweep``: one pass of the workflow sweep, for cron."""

from __future__ import annotations

import argparse

from graph_service.cli.context import Subparsers, open_graph, print_json


def register(sub: Subparsers) -> None:
    workflow = sub.add_parser("workflow", help="the matchmaking workflow's upkeep / 供需对接维护")
    workflow_sub = workflow.add_subparsers(dest="workflow", required=True)
    sweep = workflow_sub.add_parser(
        "sweep",
        help="expire overdue needs and announce new candidates of open needs, once / "
        "过期处理并推送新匹配候选（运行一次）",
    )
    sweep.set_defaults(func=cmd_workflow_sweep)


def cmd_workflow_sweep(args: argparse.Namespace) -> int:
    from graph_service.services.workflow.sweep import sweep

    # As the local operator (cli/main.py): whoever runs it can read the data directory.
    with open_graph(args) as store:
        report = sweep(store)
    print_json(report)
    return 0
