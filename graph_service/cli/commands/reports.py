"""``graph-service report gaps | ecosystem | event | service-team | programme | talent | workstations |
workflow-kpis``."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_service.cli.commands import event_report, kpi_report, programme_reports
from graph_service.cli.context import Subparsers, open_graph


def register(sub: Subparsers) -> None:
    report = sub.add_parser("report", help="reports for analysts / 分析报告")
    report_sub = report.add_subparsers(dest="report", required=True)
    gaps = report_sub.add_parser("gaps", help="an industry chain's gap report as .xlsx or .csv / 产业链缺口报告")
    gaps.add_argument("--chain", required=True, help="chain uid, e.g. chain:ic")
    gaps.add_argument("--region", help="count within this region (default: the chain's own city) / 统计地区")
    gaps.add_argument(
        "--everywhere", action="store_true", help="count in every region, not the chain's city / 统计全部地区"
    )
    gaps.add_argument(
        "--suggest",
        type=int,
        default=5,
        help="recruits suggested per gap on their own sheet (default 5, 0 for none) / 每个缺口的建议招引数",
    )
    gaps.add_argument("--out", required=True, help="file ending in .xlsx or .csv")
    gaps.set_defaults(func=cmd_report_gaps)
    eco = report_sub.add_parser(
        "ecosystem", help="brokers, communities, isolated entities, four parties as .xlsx or .csv / 生态分析报告"
    )
    eco.add_argument("--region")
    eco.add_argument("--top", type=int, default=100, help="rows per ranked list (default 100)")
    eco.add_argument("--out", required=True, help="file ending in .xlsx or .csv")
    eco.set_defaults(func=cmd_report_ecosystem)
    event_report.register(report_sub)
    programme_reports.register(report_sub)
    kpi_report.register(report_sub)


def cmd_report_gaps(args: argparse.Namespace) -> int:
    from graph_service.services.chains.gaps import chain_gaps
    from graph_service.services.chains.report_export import export_gap_report, gap_details

    with open_graph(args) as store:
        report = chain_gaps(store, args.chain, args.region, everywhere=args.everywhere)
        details = gap_details(store, report, per_gap=args.suggest)
    print(export_gap_report(report, Path(args.out), details))
    return 0


def cmd_report_ecosystem(args: argparse.Namespace) -> int:
    from graph_service.services.analytics.report import compute
    from graph_service.services.analytics.report_export import export_ecosystem_report

    with open_graph(args) as store:
        report = compute(store, args.region, top=args.top)
    print(export_ecosystem_report(report, Path(args.out)))
    return 0
