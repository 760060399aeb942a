"""Gap reports as Excel or CSV files for analysts, with Chinese and English headers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph_service.services.chains.gaps import ChainReport, SegmentReport
from graph_service.services.export.tables import Table, write_tables

COLUMNS: list[tuple[str, Callable[[SegmentReport], object]]] = [
    ("顺序 / Position", lambda s: s.position),
    ("环节 / Segment", lambda s: s.name),
    ("企业 / Enterprises", lambda s: s.counts.enterprises),
    ("链主 / Chain leaders", lambda s: s.counts.chain_leaders),
    ("专精特新 / Specialised", lambda s: s.counts.specialised),
    ("科技工作者 / Scientists", lambda s: s.counts.scientists),
    ("高校院所 / Institutions", lambda s: s.counts.institutions),
    ("工作站 / Workstations", lambda s: s.counts.workstations),
    ("创投机构 / Investors", lambda s: s.counts.investors),
    ("科服机构 / Agencies", lambda s: s.counts.agencies),
    ("成果转入 / Transfers", lambda s: s.counts.transfers),
    ("缺口 / Gaps", lambda s: "; ".join(f"{g.kind.value}({g.severity:g})" for g in s.gaps)),
    ("说明 / Reasons", lambda s: "; ".join(g.zh for g in s.gaps)),
]


def rows(report: ChainReport) -> list[list[object]]:
    return [[value(segment) for _, value in COLUMNS] for segment in report.segments]


def export_gap_report(report: ChainReport, out: Path) -> Path:
    """``out`` as .xlsx (a sheet named after the chain) or .csv (UTF-8 with BOM, for Excel)."""
    headers = [name for name, _ in COLUMNS]
    return write_tables([Table(report.name, headers, rows(report), frozen="C2")], out)
