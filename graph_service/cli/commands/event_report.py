"""``graph-service report event``: a matchmaking event plan written as .xlsx (or its meetings as .csv)."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_service.cli.context import Subparsers, open_graph
from graph_service.errors import FieldProblem, InvalidInputError
from graph_service.ontology import EntityKind, parse_kind


def register(report_sub: Subparsers) -> None:
    event = report_sub.add_parser("event", help="a matchmaking event's optimal schedule as .xlsx / 精准对接会日程")
    event.add_argument("--enterprises", default="", help="enterprise uids, comma-separated / 企业标识，逗号分隔")
    event.add_argument("--enterprises-file", help="a file of enterprise uids, one a line / 企业标识文件，每行一个")
    event.add_argument("--partners", help="partner uids, comma-separated (default: recommended) / 对接对象标识")
    event.add_argument("--partners-file", help="a file of partner uids, one a line / 对接对象标识文件")
    event.add_argument("--kinds", help="partner kinds, comma-separated, e.g. Scientist,Investor / 对接对象类型")
    event.add_argument("--rounds", type=int, required=True, help="rounds (time slots) / 轮次")
    event.add_argument("--capacity", type=int, help="meetings each partner may hold / 每个对接对象最多场次")
    event.add_argument("--per-enterprise", type=int, help="meetings each enterprise may hold / 每家企业最多场次")
    event.add_argument("--out", required=True, help="file ending in .xlsx (or .csv for the meetings alone)")
    event.set_defaults(func=cmd_report_event)


def _uids(listed: str | None, file: str | None) -> list[str] | None:
    if listed is None and file is None:
        return None
    uids = [u.strip() for u in (listed or "").split(",") if u.strip()]
    if file:
        lines = Path(file).read_text(encoding="utf-8-sig").splitlines()
        uids += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return uids


def _kinds(text: str | None) -> list[EntityKind] | None:
    if not text:
        return None
    kinds = []
    for name in (k.strip() for k in text.split(",") if k.strip()):
        kind = parse_kind(name)
        if kind is None:
            raise InvalidInputError(
                f"kinds: unknown kind '{name}' / 未知实体类型「{name}」", [FieldProblem("kinds", name)]
            )
        kinds.append(kind)
    return kinds


def cmd_report_event(args: argparse.Namespace) -> int:
    from graph_service.services.programmes.event import plan_event
    from graph_service.services.programmes.event_export import export_event_plan

    enterprises = _uids(args.enterprises, args.enterprises_file) or []
    with open_graph(args) as store:
        plan = plan_event(
            store,
            enterprises,
            partners=_uids(args.partners, args.partners_file),
            kinds=_kinds(args.kinds),
            rounds=args.rounds,
            capacity=args.capacity,
            per_enterprise=args.per_enterprise,
        )
        version = store.version()
    print(export_event_plan(plan, Path(args.out), version=version))
    print(
        f"meetings={len(plan.meetings)} total_score={plan.total_score:.4f} unmatched={len(plan.unmatched)}"
        f" scorer={plan.scorer}"
    )
    return 0
