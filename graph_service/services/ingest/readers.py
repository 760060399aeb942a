"""Read CSV, JSON Lines and Excel files into rows of raw values with their row numbers.

Row numbers are those a person sees: the header is row 1 of a CSV or sheet, so the first
record is row 2; in JSON Lines a record's row is its line number. CSV is read as UTF-8,
UTF-8 with BOM or GB18030 (a superset of GBK, what Excel on Chinese Windows writes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from graph_service.errors import FieldProblem

ENCODINGS = ("utf-8-sig", "gb18030")
SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".xlsx")


class ReadError(Exception):
    """A file that cannot be read at all; carries the located problem."""

    def __init__(self, problem: FieldProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet or file: its name (for kinds named by sheet), headers and rows."""

    name: str
    headers: list[str]
    rows: Iterator[tuple[int, dict[str, Any]]]


def decode(data: bytes, file: str) -> str:
    first_bad: int | None = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            first_bad = exc.start if first_bad is None else first_bad
            continue
        if encoding != ENCODINGS[0]:
            _refuse_mixed(data, file)
        return text
    raise ReadError(
        FieldProblem(
            "",
            "unknown text encoding: neither UTF-8 nor GB18030/GBK / 文件编码无法识别（请另存为 UTF-8 或 GBK）",
            file=file,
            row=data.count(b"\n", 0, first_bad or 0) + 1,
        )
    )


def _refuse_mixed(data: bytes, file: str) -> None:
    """Refuse a GB18030 file some of whose lines are UTF-8: either half would be read as mojibake."""
    utf8_line: int | None = None
    other_line: int | None = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise ReadError(
                FieldProblem(
                    "",
                    f"mixed text encodings: line {utf8_line} is UTF-8, line {other_line} is not "
                    "/ 文件混用了多种编码（请整体另存为 UTF-8）",
                    file=file,
                    row=max(utf8_line, other_line),
                )
            )


def _csv(path: Path) -> Iterator[Table]:
    text = decode(path.read_bytes(), path.name)
    if "\x00" in text:
        row = text.count("\n", 0, text.index("\x00")) + 1
        raise ReadError(
            FieldProblem("", "contains NUL bytes; not a text file / 含有空字符，不是文本文件", file=path.name, row=row)
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if path.suffix == ".tsv" else ",")
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        raise ReadError(FieldProblem("", f"malformed CSV: {exc} / CSV 格式错误", file=path.name, row=1)) from None

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for row in reader:
                number = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(headers):
                    raise ReadError(
                        FieldProblem(
                            "",
                            f"{len(row)} cells but {len(headers)} headers / 列数多于表头",
                            file=path.name,
                            row=number,
                        )
                    )
                yield number, dict(zip(headers, row, strict=False))
        except csv.Error as exc:
            raise ReadError(
                FieldProblem("", f"malformed CSV: {exc} / CSV 格式错误", file=path.name, row=reader.line_num)
            ) from None

    yield Table(path.stem, headers, rows())


def _jsonl(path: Path) -> Iterator[Table]:
    text = decode(path.read_bytes(), path.name)
    lines = text.splitlines()
    if path.suffix == ".json" and text.lstrip().startswith("["):
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


def _xlsx(path: Path) -> Iterator[Table]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ReadError(
            FieldProblem(
                "", f"not a readable Excel .xlsx file ({type(exc).__name__}) / 无法读取的 Excel 文件", file=path.name
            )
        ) from None
    try:
        for sheet in workbook.worksheets:
            values = sheet.iter_rows(values_only=True)
            number = 1
            try:
                header_row = next(values, None)
                if header_row is None:
                    continue
                headers = [str(h).strip() if h is not None else "" for h in header_row]
                rows = []
                for number, row in enumerate(values, start=2):
                    if row is None or all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
                        continue
                    rows.append((number, {h: _cell(v) for h, v in zip(headers, row, strict=False) if h}))
            except Exception as exc:  # a damaged sheet fails part-way through openpyxl's XML parsing
                raise ReadError(
                    FieldProblem(
                        "",
                        f"damaged Excel sheet '{sheet.title}' ({type(exc).__name__}) / Excel 工作表已损坏",
                        file=path.name,
                        row=number + 1,
                    )
                ) from None
            yield Table(
                sheet.title if len(workbook.worksheets) > 1 else path.stem, [h for h in headers if h], iter(rows)
            )
    finally:
        workbook.close()


def read_tables(path: Path) -> Iterator[Table]:
    """The tables of one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return _csv(path)
    if suffix in (".jsonl", ".ndjson", ".json"):
        return _jsonl(path)
    if suffix == ".xlsx":
        return _xlsx(path)
    raise ReadError(
        FieldProblem("", f"unsupported file type; use one of {', '.join(SUFFIXES)} / 不支持的文件类型", file=path.name)
    )
