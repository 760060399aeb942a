"""``graph-service report talent | workstations``: the talent map and the workstation review as files."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_service.cli.context import Subparsers, open_graph


def register(report_sub: Subparsers) -> None:
    """Adds the two reports under ``graph-service report``."""
    talent = report_sub.add_parser(
        "talent", help="an industry chain's talent map as .xlsx (heat map) or .csv / 产业人才图谱"
    )
    talent.add_argument("--chain", required=True, help="chain uid, e.g. chain:ic")
    talent.add_argument("--region", help="home region (default: the chain's own city) / 本地区")
    talent.add_argument("--top", type=int, default=5, help="places and sources listed per segment (default 5)")
    talent.add_argument("--out", required=True, help="file ending in .xlsx or .csv")
    talent.set_defaults(func=cmd_report_talent)
    stations = report_sub.add_parser(
        "workstations", help="workstations reviewed for entry and exit, as .xlsx or .csv / 工作站评估"
    )
    stations.add_argument("--region", help="only stations in this region / 地区")
    stations.add_argument("--since", type=int, help="count activity from this year on / 统计起始年份")
    stations.add_argument("--first", type=int, default=500, help="stations listed (default 500)")
    stations.add_argument("--candidates", type=int, default=50, help="candidate hosts listed (default 50)")
    stations.add_argument("--out", required=True, help="file ending in .xlsx or .csv")
    stations.set_defaults(func=cmd_report_workstations)


def cmd_report_talent(args: argparse.Namespace) -> int:
    from graph_service.services.programmes.talent_export import export_talent_map
    from graph_service.services.programmes.talent_map import talent_map

    with open_graph(args) as store:
        found = talent_map(store, args.chain, args.region, top=args.top)
        version = store.version()
    print(export_talent_map(found, Path(args.out), version=version))
    return 0


def cmd_report_workstations(args: argparse.Namespace) -> int:
    from graph_service.services.programmes.workstation_export import export_workstation_review
    from graph_service.services.programmes.workstation_review import review_workstations

    with open_graph(args) as store:
        review = review_workstations(store, args.region, args.since, first=args.first, candidates=args.candidates)
        version = store.version()
    print(export_workstation_review(review, Path(args.out), version=version))
    return 0
