"""Print benchmark tables and keep their JSON for comparing runs."""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    # A table row: a result record (its fields are the columns) or a mapping of column to value.
    Row: TypeAlias = DataclassInstance | Mapping[str, object]

RESULTS_DIR = Path("bench-results")


def _cells(row: Row) -> dict[str, object]:
    if isinstance(row, Mapping):
        return dict(row)
    return {f.name: getattr(row, f.name) for f in fields(row)}


def print_table(title: str, rows: Mapping[str, Row]) -> None:
    """``rows`` under ``title``, one line each, the first row's columns as the header."""
    print(f"\n{title}")
    if not rows:
        return
    table = {name: _cells(row) for name, row in rows.items()}
    columns = list(next(iter(table.values())))
    print(f"{'':<16}" + "".join(f"{c:>20}" for c in columns))
    for name, values in table.items():
        print(f"{name:<16}" + "".join(f"{values[c]!s:>20}" for c in columns))


def _plain(value: object) -> object:
    """A result record as JSON: its fields by name, records inside it in turn."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    raise TypeError(f"{type(value).__name__} is not a result record")


def write_json(kind: str, results: object) -> Path:
    """The results (a mapping or a result record) with this machine's description, in ``bench-results/``."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    meta = {"machine": platform.machine(), "python": platform.python_version(), "cpus": os.cpu_count()}
    document = {"meta": meta, "results": results}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=_plain), encoding="utf-8")
    return path
