"""``graph-service report workflow-kpis``: the workflow KPIs by month as .xlsx (or .csv)."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_service.cli.context import Subparsers, open_graph


def register(report_sub: Subparsers) -> None:
    kpis = report_sub.add_parser(
        "workflow-kpis", help="needs and introductions by month as .xlsx or .csv / 供需对接工作指标"
    )
    kpis.add_argument("--region", help="a region, with the places within it (default: all) / 地区")
    kpis.add_argument("--programme", help="programme uid (default: all) / 计划或平台标识")
    kpis.add_argument("--from", dest="first", help="first month, YYYY-MM (default: five months back) / 起始月份")
    kpis.add_argument("--to", dest="last", help="last month, YYYY-MM (default: this month) / 结束月份")
    kpis.add_argument("--out", required=True, help="file ending in .xlsx or .csv")
    kpis.set_defaults(func=cmd_report_workflow_kpis)


def cmd_report_workflow_kpis(args: argparse.Namespace) -> int:
    from graph_service.services.workflow.kpi_export import export_kpi_report
    from graph_service.services.workflow.kpis import workflow_kpis

    with open_graph(args) as store:
        kpis = workflow_kpis(store, region=args.region, programme=args.programme, first=args.first, last=args.last)
        version = store.version()
    print(export_kpi_report(kpis, Path(args.out), version=version))
    return 0
