"""Read CSV, JSON Lines and Excel files into rows of raw values with their row numbers.

Row numbers are those a person sees: the header is row 1 of a CSV or sheet, so the first
record is row 2; in JSON Lines a record's row is its line number. Text files are read as
UTF-8, UTF-8 with BOM or GB18030 (see ``encodings.py``), or in the encoding the caller names.
CSV is parsed strictly: a quote left open is an error, not a field that swallows the rest of
the file. A cell ``export --format csv`` prefixed with ``'`` (formula-like text, see
``domain/spreadsheet.py``) is read back as the text it was. A workbook's notes sheet (named
``NOTES_SHEET``, as in the import templates) explains the data and is not read as data.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from graph_service.domain.spreadsheet import QUOTE, restore
from graph_service.errors import FieldProblem
from graph_service.services.ingest.encodings import ReadError, text_lines
from graph_service.services.ingest.workbook import check_workbook

SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".xlsx")
NOTES_SHEET = "填写说明 Notes"

__all__ = ["NOTES_SHEET", "SUFFIXES", "ReadError", "Table", "read_tables", "text_lines"]


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet or file: its name (for kinds named by sheet), headers and rows."""

    name: str
    headers: list[str]
    rows: Iterator[tuple[int, dict[str, Any]]]
    # A workbook's one sheet: its name may give the kind where the file's name does not.
    sheet: str = ""


def _malformed(file: str, start: int, line: int, exc: csv.Error) -> ReadError:
    """A CSV error at ``line`` in the record that began on ``start``."""
    if line > start:
        # The record ran on past its first line: a quote opened there was never closed (or
        # closed by a stray quote further on).
        message = (
            f"a quoted field opened on row {start} is not closed where it should be ({exc}; read up to row "
            f"{line}) / 第 {start} 行的引号未闭合"
        )
        return ReadError(FieldProblem("", message, file=file, row=start))
    return ReadError(FieldProblem("", f"malformed CSV: {exc} / CSV 格式错误", file=file, row=line))


def _csv(path: Path, encoding: str | None) -> Iterator[Table]:
    reader = csv.reader(text_lines(path, encoding), delimiter="\t" if path.suffix == ".tsv" else ",", strict=True)

    def record() -> tuple[int, list[str]] | None:
        start = reader.line_num + 1
        try:
            return start, next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise _malformed(path.name, start, reader.line_num, exc) from None

    first = record()
    if first is None:
        return
    headers = [h.strip() for h in first[1]]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        while (read := record()) is not None:
            row = read[1]
            number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(headers):
                raise ReadError(
                    FieldProblem(
                        "", f"{len(row)} cells but {len(headers)} headers / 列数多于表头", file=path.name, row=number
                    )
                )
            if QUOTE in "".join(row):  # rare: the cells are looked at one by one only then
                row = [restore(cell) for cell in row]
            yield number, dict(zip(headers, row, strict=False))

    yield Table(path.stem, headers, rows())


def _is_json_array(path: Path, encoding: str | None) -> bool:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if encoding is not None:
        return head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").startswith("[")
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def _jsonl(path: Path, encoding: str | None) -> Iterator[Table]:
    lines: Iterable[str] = text_lines(path, encoding)
    if path.suffix == ".json" and _is_json_array(path, encoding):
        # A JSON array is one value: it is read whole, unlike JSON Lines.
        text = "".join(lines)
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(
                FieldProblem("", f"invalid JSON: {exc.msg} / JSON 格式错误", file=path.name, row=exc.lineno)
            ) from None
        except RecursionError:
            raise ReadError(FieldProblem("", "JSON nested too deeply / JSON 嵌套过深", file=path.name, row=1)) from None
        lines = [json.dumps(item, ensure_ascii=False) for item in items]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ReadError(
                    FieldProblem("", f"invalid JSON: {exc.msg} / JSON 格式错误", file=path.name, row=number)
                ) from None
            except RecursionError:
                raise ReadError(
                    FieldProblem("", "JSON nested too deeply / JSON 嵌套过深", file=path.name, row=number)
                ) from None
            except ValueError:  # a number too long to convert (int_max_str_digits)
                raise ReadError(
                    FieldProblem("", "invalid JSON: number too long / JSON 数字过长", file=path.name, row=number)
                ) from None
            if not isinstance(value, dict):
                raise ReadError(
                    FieldProblem("", "each line must be a JSON object / 每行须为 JSON 对象", file=path.name, row=number)
                )
            yield number, value

    yield Table(path.stem, [], rows())


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _damaged(path: Path, sheet: Any, row: int, exc: Exception) -> ReadError:
    return ReadError(
        FieldProblem(
            "",
            f"damaged Excel sheet '{sheet.title}' ({type(exc).__name__}) / Excel 工作表已损坏",
            file=path.name,
            row=row,
        )
    )


def _sheet_rows(
    path: Path, sheet: Any, values: Iterator[tuple[Any, ...]], headers: list[str]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The sheet's records, read row by row as they are asked for."""
    number = 1
    try:
        for number, row in enumerate(values, start=2):
            if row is None or all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
                continue
            yield number, {h: _cell(v) for h, v in zip(headers, row, strict=False) if h}
    except Exception as exc:  # a damaged sheet fails part-way through openpyxl's XML parsing
        raise _damaged(path, sheet, number + 1, exc) from None


def _xlsx(path: Path) -> Iterator[Table]:
    check_workbook(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ReadError(
            FieldProblem(
                "", f"not a readable Excel .xlsx file ({type(exc).__name__}) / 无法读取的 Excel 文件", file=path.name
            )
        ) from None
    try:
        sheets = [sheet for sheet in workbook.worksheets if sheet.title != NOTES_SHEET]
        for sheet in sheets:
            values = sheet.iter_rows(values_only=True)
            try:
                header_row = next(values, None)
            except Exception as exc:
                raise _damaged(path, sheet, 1, exc) from None
            if header_row is None:
                continue
            headers = [str(h).strip() if h is not None else "" for h in header_row]
            # A template's sheet names its kind whatever the file is renamed to.
            name = sheet.title if len(workbook.worksheets) > 1 else path.stem
            # The importer reads each table's rows before asking for the next table.
            yield Table(name, [h for h in headers if h], _sheet_rows(path, sheet, values, headers), sheet.title)
    finally:
        workbook.close()


def read_tables(path: Path, encoding: str | None = None) -> Iterator[Table]:
    """The tables of one file, by its suffix; ``encoding`` is that of a text file (None: guess)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return _csv(path, encoding)
    if suffix in (".jsonl", ".ndjson", ".json"):
        return _jsonl(path, encoding)
    if suffix == ".xlsx":
        return _xlsx(path)
    raise ReadError(
        FieldProblem("", f"unsupported file type; use one of {', '.join(SUFFIXES)} / 不支持的文件类型", file=path.name)
    )
