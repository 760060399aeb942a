"""Gap reports as Excel or CSV files for analysts, with Chinese and English headers."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from graph_service.services.chains.gaps import ChainReport, SegmentReport

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
    out.parent.mkdir(parents=True, exist_ok=True)
    headers = [name for name, _ in COLUMNS]
    if out.suffix.lower() == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = report.name[:31]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows(report):
            sheet.append(row)
        sheet.freeze_panes = "C2"
        book.save(out)
    else:
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(rows(report))
    return out
