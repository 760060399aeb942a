"""Read CSV, JSON Lines and Excel files into rows of raw values with their row numbers.

Row numbers are those a person sees: the header is row 1 of a CSV or sheet, so the first
record is row 2; in JSON Lines a record's row is its line number. CSV is read as UTF-8,
UTF-8 with BOM or GB18030 (a superset of GBK, what Excel on Chinese Windows writes).
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


_UNKNOWN_ENCODING = "unknown text encoding: neither UTF-8 nor GB18030/GBK / 文件编码无法识别（请另存为 UTF-8 或 GBK）"


_NOT_TEXT = "contains NUL bytes; not a text file / 含有空字符，不是文本文件"


class _LineDecoder:
    """Decodes a file's lines one by one, each as UTF-8 or else GB18030, refusing a mix.

    Line by line so a large file streams; a file mixing UTF-8 and GBK lines would have
    one half read as mojibake, so the first line that betrays a mix is an error.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.utf8_line: int | None = None
        self.other_line: int | None = None

    def __call__(self, line: bytes, number: int) -> str:
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line.isascii():
            return line.decode("ascii")
        try:
            text = line.decode("utf-8")
            self.utf8_line = self.utf8_line or number
        except UnicodeDecodeError:
            try:
                text = line.decode("gb18030")
            except UnicodeDecodeError:
                raise ReadError(FieldProblem("", _UNKNOWN_ENCODING, file=self.file, row=number)) from None
            self.other_line = self.other_line or number
        if self.utf8_line and self.other_line:
            raise ReadError(
                FieldProblem(
                    "",
                    f"mixed text encodings: line {self.utf8_line} is UTF-8, line {self.other_line} is not "
                    "/ 文件混用了多种编码（请整体另存为 UTF-8）",
                    file=self.file,
                    row=max(self.utf8_line, self.other_line),
                )
            )
        if "\x00" in text:
            raise ReadError(FieldProblem("", _NOT_TEXT, file=self.file, row=number))
        return text


def text_lines(path: Path) -> Iterator[str]:
    """The file's lines, decoded, line endings kept, read as they are needed."""
    decode = _LineDecoder(path.name)
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            yield decode(line, number)


def _csv(path: Path) -> Iterator[Table]:
    reader = csv.reader(text_lines(path), delimiter="\t" if path.suffix == ".tsv" else ",")
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


def _is_json_array(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def _jsonl(path: Path) -> Iterator[Table]:
    lines: Iterable[str] = text_lines(path)
    if path.suffix == ".json" and _is_json_array(path):
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
