"""``graph-service report service-team | programme | talent | workstations``: programme plans and reviews."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_service.cli.context import Subparsers, open_graph
from graph_service.ontology import EntityKind, parse_kind


def _kind(text: str) -> EntityKind:
    kind = parse_kind(text)
    if kind is None:
        raise argparse.ArgumentTypeError(f"unknown kind {text!r} / 未知实体类型")
    return kind


def register(report_sub: Subparsers) -> None:
    team = report_sub.add_parser(
        "service-team", help="an expert service team for a district, park or chain as .xlsx / 科技专家服务团"
    )
    scope = team.add_mutually_exclusive_group(required=True)
    scope.add_argument("--region", help="a district, with the regions within it / 区县")
    scope.add_argument("--park", help="park uid / 园区标识")
    scope.add_argument("--chain", help="industry chain uid / 产业链标识")
    team.add_argument("--size", type=int, required=True, help="team size / 团队人数")
    team.add_argument(
        "--kinds", type=_kind, nargs="+", help="kinds of member (default Scientist) / 成员类型，默认科学家"
    )
    team.add_argument("--exclude", nargs="+", default=[], help="uids never chosen / 排除")
    team.add_argument("--must-include", nargs="+", default=[], help="uids chosen first / 必选")
    team.add_argument("--out", required=True, help="file ending in .xlsx")
    team.set_defaults(func=cmd_report_service_team)
    programme = report_sub.add_parser(
        "programme", help="organisations to invite into a partner programme as .xlsx / 生态伙伴扩容"
    )
    programme.add_argument("--programme", required=True, help="programme uid, e.g. programme:kechuang-partner")
    programme.add_argument("--count", type=int, required=True, help="how many to invite / 吸纳数")
    programme.add_argument("--region", help="only from this region / 只从该地区选")
    programme.add_argument("--out", required=True, help="file ending in .xlsx")
    programme.set_defaults(func=cmd_report_programme)
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


def cmd_report_service_team(args: argparse.Namespace) -> int:
    from graph_service.services.programmes.service_team import form_service_team
    from graph_service.services.programmes.service_team_export import export_service_team

    with open_graph(args) as store:
        team = form_service_team(
            store,
            size=args.size,
            region=args.region,
            park=args.park,
            chain=args.chain,
            kinds=args.kinds,
            exclude=args.exclude,
            must_include=args.must_include,
        )
        version = store.version()
    print(export_service_team(team, Path(args.out), version))
    return 0


def cmd_report_programme(args: argparse.Namespace) -> int:
    from graph_service.services.programmes.partner_expansion import expand_partner_programme
    from graph_service.services.programmes.partner_expansion_export import export_partner_expansion

    with open_graph(args) as store:
        plan = expand_partner_programme(store, args.programme, args.count, args.region)
        version = store.version()
    print(export_partner_expansion(plan, Path(args.out), version))
    return 0


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
