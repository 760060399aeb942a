"""Limits an Excel workbook must keep before openpyxl reads it.

An .xlsx is a zip of XML parts, and XML compresses a thousandfold: a 1.1 MB workbook whose
shared-strings part held millions of tiny strings drove the importer to 1.25 GB, because
openpyxl keeps every shared string (and a parsed element for each) in memory. So each part's
uncompressed size is checked against the zip directory (``zipfile`` never yields more than
that size, whatever the data), and the shared strings are counted, streamed, before openpyxl
opens the file. Worksheets are read row by row and may be larger than the parts read whole.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO
from xml.parsers import expat

from graph_service.errors import FieldProblem
from graph_service.services.ingest.encodings import ReadError

MiB = 2**20
MAX_SHEET_BYTES = 256 * MiB  # a worksheet part, uncompressed (streamed row by row)
MAX_PART_BYTES = 64 * MiB  # any other part (shared strings, styles, workbook), read whole
MAX_SHARED_STRINGS = 1_000_000
_CONTENT_TYPES = "[Content_Types].xml"
_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_CHUNK = 1 << 16

Start = Callable[[str, dict[str, str]], None]


class _TooMany(Exception):
    pass


def _problem(path: Path, message: str) -> ReadError:
    return ReadError(FieldProblem("", message, file=path.name))


def _scan(source: IO[bytes], start: Start) -> None:
    """Feed ``source`` to expat, calling ``start(name, attributes)`` for each element."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    while chunk := source.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    """The shared-strings part the content types name, as openpyxl finds it."""
    found: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if name.endswith("Override") and attributes.get("ContentType") == _SHARED_STRINGS_TYPE:
            found.append(attributes.get("PartName", "").lstrip("/"))

    try:
        with archive.open(_CONTENT_TYPES) as source:
            _scan(source, start)
    except (KeyError, expat.ExpatError):
        return None  # openpyxl reports the damaged workbook
    return found[0] if found else None


def _count_shared_strings(archive: zipfile.ZipFile, part: str) -> int:
    count = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal count
        if name == "si" or name.endswith(" si"):
            count += 1
            if count > MAX_SHARED_STRINGS:
                raise _TooMany

    try:
        with archive.open(part) as source:
            _scan(source, start)
    except _TooMany:
        return count
    except (KeyError, expat.ExpatError, zipfile.BadZipFile):
        pass  # openpyxl reports the damaged workbook
    return count


def _too_large(path: Path, info: zipfile.ZipInfo, limit: int) -> ReadError:
    mib, most = f"{info.file_size / MiB:,.0f}", f"{limit // MiB}"
    return _problem(
        path,
        f"workbook part '{info.filename}' is {mib} MiB uncompressed, over the {most} MiB limit; save the data as "
        f"CSV / Excel 文件中的 {info.filename} 解压后 {mib} MiB，超过 {most} MiB 上限，请另存为 CSV",
    )


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose parts are larger, or whose shared strings more, than the limits."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: openpyxl's own error names it
    with archive:
        for info in archive.infolist():
            limit = MAX_SHEET_BYTES if info.filename.startswith("xl/worksheets/") else MAX_PART_BYTES
            if info.file_size > limit:
                raise _too_large(path, info, limit)
        strings = _shared_strings_part(archive)
        if strings is None or strings not in archive.NameToInfo:
            return
        info = archive.getinfo(strings)
        if info.file_size > MAX_PART_BYTES:  # openpyxl reads it whole wherever it lies
            raise _too_large(path, info, MAX_PART_BYTES)
        if _count_shared_strings(archive, strings) > MAX_SHARED_STRINGS:
            raise _problem(
                path,
                f"more than {MAX_SHARED_STRINGS:,} shared strings (distinct texts) in the workbook; save the data "
                f"as CSV / Excel 文件的共享字符串超过 {MAX_SHARED_STRINGS:,} 个上限，请另存为 CSV",
            )
