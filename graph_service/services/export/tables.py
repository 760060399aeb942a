"""Tables for analysts as Excel workbooks or CSV files (UTF-8 with BOM, so Excel reads Chinese)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

SECTION = "部分 / Section"


@dataclass(frozen=True, slots=True)
class Table:
    title: str  # the sheet name in Excel, the section column in a multi-table CSV
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    frozen: str = "A2"


def write_tables(tables: Sequence[Table], out: Path) -> Path:
    """``out`` as .xlsx (a sheet per table) or .csv (one table as is; several stacked with a section column)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        book = openpyxl.Workbook()
        book.remove(book.worksheets[0])
        for table in tables:
            # Excel limits sheet names to 31 characters.
            sheet = book.create_sheet(table.title[:31])
            sheet.append(list(table.headers))
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append(list(row))
            sheet.freeze_panes = table.frozen
        book.save(out)
        return out
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        if len(tables) == 1:
            writer.writerow(tables[0].headers)
            writer.writerows(tables[0].rows)
            return out
        width = max(len(t.headers) for t in tables)
        for table in tables:
            writer.writerow([SECTION, *table.headers, *[""] * (width - len(table.headers))])
            writer.writerows([table.title, *row] for row in table.rows)
    return out
