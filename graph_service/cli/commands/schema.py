"""``graph-service schema``: the GraphQL schema as SDL, as committed in ``schema.graphql``."""

from __future__ import annotations

import argparse
import sys

from graph_service.cli.context import Subparsers


def register(sub: Subparsers) -> None:
    schema = sub.add_parser("schema", help="print the GraphQL schema (SDL) / 输出 GraphQL 模式")
    schema.set_defaults(func=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    from graph_service.api.schema import build_schema

    sys.stdout.write(build_schema().as_str() + "\n")
    return 0
