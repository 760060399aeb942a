"""``graph-service report service-team | programme``: programme plans written as .xlsx."""

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
