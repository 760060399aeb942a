"""What every command shares: its settings, the store it opens, how it prints a report."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, is_dataclass, replace
from pathlib import Path
from typing import TypeAlias

from graph_service.config import Settings
from graph_service.store import GraphStore
from graph_service.store.factory import open_store

# argparse's own type for ``add_subparsers()``; it is not subscriptable at run time.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def settings_of(args: argparse.Namespace) -> Settings:
    """The environment's settings, with the global ``--data-dir`` and ``--graph`` applied."""
    settings = Settings.from_env()
    if getattr(args, "data_dir", None):
        settings = replace(settings, data_dir=Path(args.data_dir))
    if getattr(args, "graph", None):
        settings = replace(settings, graph_name=args.graph)
    return settings


def open_graph(args: argparse.Namespace) -> GraphStore:
    """The store of the settings; ``with`` closes it."""
    # Tools share the engine of a service already running on the same data directory.
    return open_store(settings_of(args), attach=True)


def print_json(report: object) -> None:
    """A report dataclass as one JSON line on standard output (``{}`` for anything else)."""
    plain = asdict(report) if is_dataclass(report) and not isinstance(report, type) else {}
    print(json.dumps(plain, ensure_ascii=False, default=str))
