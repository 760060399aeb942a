"""``graph-service template --kind KIND --out FILE.xlsx``: an import template to fill in and import as is."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph_service.cli.context import Subparsers


def register(sub: Subparsers) -> None:
    template = sub.add_parser(
        "template",
        help="an Excel import template for an entity kind or relationship type / 导入模板",
        description="Chinese headers, one example row, drop-down lists and a notes sheet; fill it in and "
        "run `graph-service import` on it / 中文表头、示例行、下拉选项和填写说明，填好后直接导入",
    )
    template.add_argument(
        "--kind", required=True, help="an entity kind or relationship type: Enterprise, 企业, INVESTED_IN, 投资 …"
    )
    template.add_argument("--out", required=True, help="file ending in .xlsx")
    template.set_defaults(func=cmd_template)


def cmd_template(args: argparse.Namespace) -> int:
    from graph_service.errors import InvalidInputError
    from graph_service.services.ingest.template import parse_subject, write_template

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInputError(f"a template is an Excel file: name it *.xlsx, not '{out.name}' / 模板须为 .xlsx 文件")
    print(write_template(parse_subject(args.kind), out))
    return 0
