"""Tables for analysts as Excel workbooks or CSV files (UTF-8 with BOM, so Excel reads Chinese).

A CSV holds one table: one header, every row of its shape. In Excel a table may start with a
title block (what the sheet is, when and from which data), and columns are as wide as their
text, Chinese characters counting double, up to a limit past which the text wraps.

Names come from the graph, so a cell may hold text a spreadsheet would run as a formula
(``=HYPERLINK(…)``): in CSV it gets a leading ``'``; in Excel it is typed as text with the
quote-prefix style, so it shows as written and stays text when edited.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.worksheet import Worksheet

from graph_service.domain.spreadsheet import inert, is_formula_like

MIN_WIDTH = 6
MAX_WIDTH = 60


@dataclass(frozen=True, slots=True)
class Table:
    title: str  # the sheet name in Excel
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    # The first cell scrolled, counted with the header as row 1 (the title block shifts it).
    frozen: str = "A2"
    # Lines above the header in Excel (a title, what was counted, the date); not in CSV.
    preamble: Sequence[Sequence[object]] = ()


def text_width(value: object) -> int:
    """Columns ``value`` takes in a spreadsheet: wide (Chinese) characters count two.

    >>> text_width("环节 / Segment"), text_width(12.5)
    (14, 4)
    """
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def fit_columns(sheet: Worksheet, header_row: int) -> None:
    """Columns as wide as their header and cells, wrapping the cells wider than ``MAX_WIDTH``."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            width = max(text_width(line) for line in str(cell.value or "").split("\n"))
            if width > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[cell.column] = max(widths.get(cell.column, MIN_WIDTH), min(width, MAX_WIDTH))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width + 2


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


def _sheet(book: openpyxl.Workbook, table: Table) -> None:
    # Excel limits sheet names to 31 characters.
    sheet = book.create_sheet(table.title[:31])
    for number, line in enumerate(table.preamble):
        sheet.append([_xlsx_cell(sheet, v) for v in line])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14 if number == 0 else 11)
    if table.preamble:
        sheet.append([])  # a blank line between the title block and the table
    header_row = len(table.preamble) + 2 if table.preamble else 1
    sheet.append([_xlsx_cell(sheet, h) for h in table.headers])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    column, row_number = coordinate_from_string(table.frozen)
    sheet.freeze_panes = f"{column}{row_number + header_row - 1}"
    fit_columns(sheet, header_row)


def write_tables(tables: Sequence[Table], out: Path) -> Path:
    """``out`` as .xlsx (a sheet per table) or .csv (exactly one table: one header, one row shape)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        book = openpyxl.Workbook()
        book.remove(book.worksheets[0])
        for table in tables:
            _sheet(book, table)
        book.save(out)
        return out
    if len(tables) != 1:
        raise ValueError(f"a CSV file holds one table, not {len(tables)}")
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([_csv_cell(h) for h in tables[0].headers])
        writer.writerows([_csv_cell(v) for v in row] for row in tables[0].rows)
    return out
