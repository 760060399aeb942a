"""``graph-service``: the command line; each command lives in ``cli/commands/`` beside its options."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from graph_service.cli.commands import (
    backup,
    bench,
    data,
    drill,
    evaluate,
    neo4j,
    reports,
    schema,
    serve,
    templates,
    tokens,
    train,
    workflow,
)
from graph_service.cli.context import settings_of
from graph_service.errors import GraphServiceError, InvalidInputError, SettingsError
from graph_service.services.access.principal import LOCAL_OPERATOR, set_acting
from graph_service.services.match.weights import operator_weights

# In the order ``--help`` lists them.
COMMANDS = (serve, tokens, data, templates, bench, reports, evaluate, train, workflow, backup, drill, neo4j, schema)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="graph-service", description="Ecosystem Graph / 创新生态图谱")
    parser.add_argument("--data-dir", help="embedded engine data directory (GRAPH_SERVICE_DATA_DIR)")
    parser.add_argument("--graph", help="graph name (GRAPH_SERVICE_GRAPH)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    # Whoever runs a command can read the data directory, and so everything in it.
    set_acting(LOCAL_OPERATOR)
    try:
        # Every variable is checked before any command starts, so a wrong one stops it here, named.
        settings = settings_of(args)
        with operator_weights(settings.weights):
            code: int = args.func(args)
    except SettingsError as exc:
        print(f"error [{exc.code}]: {exc}", file=sys.stderr)
        return 2
    except InvalidInputError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    except GraphServiceError as exc:
        print(f"error [{exc.code}]: {exc}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
