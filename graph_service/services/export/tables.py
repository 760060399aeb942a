"""Tables for analysts as Excel workbooks or CSV files (UTF-8 with BOM, so Excel reads Chinese).

Names come from the graph, so a cell may hold text a spreadsheet would run as a formula
(``=HYPERLINK(…)``): in CSV it gets a leading ``'``; in Excel it is typed as text with the
quote-prefix style, so it shows as written and stays text when edited.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from graph_service.domain.spreadsheet import inert, is_formula_like

SECTION = "部分 / Section"


@dataclass(frozen=True, slots=True)
class Table:
    title: str  # the sheet name in Excel, the section column in a multi-table CSV
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    frozen: str = "A2"


def _csv_cell(value: object) -> object:
    return inert(value) if isinstance(value, str) else value


def _xlsx_cell(sheet: Worksheet, value: object) -> object:
    if not (isinstance(value, str) and is_formula_like(value)):
        return value
    cell = Cell(sheet, value=value)
    # openpyxl types a text beginning with '=' as a formula; Excel runs none of the others,
    # but would on editing them without the quote prefix.
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def write_tables(tables: Sequence[Table], out: Path) -> Path:
    """``out`` as .xlsx (a sheet per table) or .csv (one table as is; several stacked with a section column)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        book = openpyxl.Workbook()
        book.remove(book.worksheets[0])
        for table in tables:
            # Excel limits sheet names to 31 characters.
            sheet = book.create_sheet(table.title[:31])
            sheet.append([_xlsx_cell(sheet, h) for h in table.headers])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([_xlsx_cell(sheet, v) for v in row])
            sheet.freeze_panes = table.frozen
        book.save(out)
        return out
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        if len(tables) == 1:
            writer.writerow([_csv_cell(h) for h in tables[0].headers])
            writer.writerows([_csv_cell(v) for v in row] for row in tables[0].rows)
            return out
        width = max(len(t.headers) for t in tables)
        for table in tables:
            writer.writerow([SECTION, *map(_csv_cell, table.headers), *[""] * (width - len(table.headers))])
            writer.writerows([_csv_cell(table.title), *map(_csv_cell, row)] for row in table.rows)
    return out
