"""Print benchmark tables and keep their JSON for comparing runs."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

RESULTS_DIR = Path("bench-results")


def print_table(title: str, rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{title}")
    if not rows:
        return
    columns = list(next(iter(rows.values())))
    print(f"{'':<16}" + "".join(f"{c:>20}" for c in columns))
    for name, values in rows.items():
        print(f"{name:<16}" + "".join(f"{values[c]!s:>20}" for c in columns))


def write_json(kind: str, results: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    meta = {"machine": platform.machine(), "python": platform.python_version(), "cpus": os.cpu_count()}
    path.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
