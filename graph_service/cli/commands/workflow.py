"""``graph-service workflow sweep|simulate``: the sweep once, for cron; a simulated month and its KPIs."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from graph_service.cli.context import Subparsers, open_graph, print_json

if TYPE_CHECKING:
    from graph_service.services.workflow.kpis import KpiRow, WorkflowKpis

HEADERS = ("month", "posted", "docked", "met", "proposed", "agreed", "declined", "conv.", "median d")


def register(sub: Subparsers) -> None:
    workflow = sub.add_parser("workflow", help="the matchmaking workflow / 供需对接")
    workflow_sub = workflow.add_subparsers(dest="workflow", required=True)
    sweep = workflow_sub.add_parser(
        "sweep",
        help="expire overdue needs and announce new candidates of open needs, once / "
        "过期处理并推送新匹配候选（运行一次）",
    )
    sweep.set_defaults(func=cmd_workflow_sweep)
    sim = workflow_sub.add_parser(
        "simulate", help="simulate days of needs and introductions on the graph, print the KPIs / 模拟对接"
    )
    sim.add_argument("--days", type=int, default=30, help="days simulated (default 30) / 模拟天数")
    sim.add_argument("--seed", type=int, default=1, help="random seed (default 1) / 随机种子")
    sim.add_argument("--needs", type=int, default=40, help="needs posted (default 40) / 发布需求数")
    sim.add_argument("--start", help="first day, YYYY-MM-DD, China time (default: --days ago) / 起始日期")
    sim.add_argument("--programme", help="programme of the event meetings (default: one drawn) / 计划标识")
    sim.add_argument("--region", help="the KPIs of this region only / 指标统计地区")
    sim.set_defaults(func=cmd_workflow_simulate)


def cmd_workflow_sweep(args: argparse.Namespace) -> int:
    from graph_service.services.workflow.sweep import sweep

    # As the local operator (cli/main.py): whoever runs it can read the data directory.
    with open_graph(args) as store:
        report = sweep(store)
    print_json(report)
    return 0


def _cell(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if percent else f"{value:.1f}"


def kpi_lines(kpis: WorkflowKpis) -> list[str]:
    """The KPI table as fixed-width lines, a row per month and the totals."""

    def cells(row: KpiRow) -> list[str]:
        return [
            row.month or "total",
            str(row.needs_posted),
            str(row.needs_docked),
            str(row.needs_met),
            str(row.introductions_proposed),
            str(row.introductions_agreed),
            str(row.introductions_declined),
            _cell(row.conversion_rate, percent=True),
            _cell(row.median_days_to_agreement),
        ]

    table = [list(HEADERS), *(cells(r) for r in kpis.months), cells(kpis.totals)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in table]
    reasons = ", ".join(f"{d.zh} ({d.en}) {d.count}" for d in kpis.decline_reasons) or "—"
    return [*lines, f"decline reasons / 婉拒原因: {reasons}"]


def cmd_workflow_simulate(args: argparse.Namespace) -> int:
    from graph_service.services.workflow.kpis import REPORTING_ZONE, workflow_kpis
    from graph_service.services.workflow.simulate import simulate

    start = datetime.strptime(args.start, "%Y-%m-%d").replace(tzinfo=REPORTING_ZONE) if args.start else None
    with open_graph(args) as store:
        report = simulate(
            store, days=args.days, seed=args.seed, needs=args.needs, start=start, programme=args.programme
        )
        last_day = report.end - timedelta(seconds=1)
        first, last = (m.astimezone(REPORTING_ZONE).strftime("%Y-%m") for m in (report.start, last_day))
        kpis = workflow_kpis(store, region=args.region, first=first, last=last)
    print(
        f"simulated {report.start:%Y-%m-%d} – {last_day:%Y-%m-%d} (China time, seed {args.seed}): "
        f"needs {report.needs} from {report.enterprises} enterprises with stated needs, "
        f"introductions {report.introductions}; final statuses "
        + (", ".join(f"{k} {v}" for k, v in sorted(report.statuses.items())) or "—")
        + (f"; programme {report.programme}" if report.programme else "")
    )
    for line in kpi_lines(kpis):
        print(line)
    return 0
