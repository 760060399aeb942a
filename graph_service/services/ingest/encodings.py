"""Decode a text file's lines: UTF-8, UTF-8 with BOM, GB18030 when the text reads as Chinese, or as told.

Without ``--encoding`` a line that is not UTF-8 is read as GB18030 (a superset of GBK, what
Excel on Chinese Windows saves). Almost any bytes decode as GB18030, though: Latin-1's
``Müller`` comes out as ``M黮ler``. So the guess stands only if the text it gives reads as
Chinese: at least ``PLAUSIBLE_SHARE`` of its characters outside ASCII are among GB2312's
(the common hanzi and punctuation) and do not sit between two Latin letters, where an
accented letter of Latin-1 lands. The seed data saved as GBK scores 0.9998; German, French,
Spanish and Nordic names saved as Latin-1 score 0 where they decode at all. Otherwise the
file is refused and ``--encoding`` names its encoding, which is then used for every line,
without guessing.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph_service.errors import FieldProblem, InvalidInputError

PLAUSIBLE_SHARE = 0.75

_UNKNOWN = (
    "unknown text encoding: neither UTF-8 nor GB18030/GBK; name it with --encoding "
    "/ 文件编码无法识别（请另存为 UTF-8，或用 --encoding 指明编码）"
)
_NOT_TEXT = "contains NUL bytes; not a text file / 含有空字符，不是文本文件"
_ASCII = re.compile(r"[\x00-\x7f]+")
_WEDGED = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f](?=[A-Za-z])")
# GBK's A1A4 and A1AA, which Python's gb2312 codec maps to other code points.
_GB2312_ALIKE = str.maketrans("·—", "、、")


class ReadError(Exception):
    """A file that cannot be read at all; carries the located problem."""

    def __init__(self, problem: FieldProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def check_encoding(name: str) -> str:
    """The codec's canonical name; refuses names that are no text encoding (``base64``, typos)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        info = None
    if info is None or not info._is_text_encoding:
        raise InvalidInputError(f"--encoding: unknown text encoding '{name}' / 未知的文本编码「{name}」")
    return info.name


def chinese_characters(text: str) -> tuple[int, int]:
    """(characters outside ASCII, how many of them read as Chinese).

    >>> chinese_characters("蓉芯科技，成都"), chinese_characters("M黮ler"), chinese_characters("G鲞nitz")
    ((7, 7), (1, 0), (1, 0))
    """
    wide = _ASCII.sub("", text)
    common = len(wide.translate(_GB2312_ALIKE).encode("gb2312", "ignore")) // 2
    return len(wide), max(0, common - len(_WEDGED.findall(text)))


def _sample(text: str) -> str:
    """A few characters around the first one outside ASCII, printable."""
    text = text.rstrip("\r\n")
    start = next((i for i, c in enumerate(text) if ord(c) > 0x7F), 0)
    return "".join(c if c.isprintable() else "?" for c in text[max(0, start - 8) : start + 12])


class _Guess:
    """Decodes lines one by one as UTF-8 or else GB18030, refusing a mix or implausible Chinese.

    Line by line so a large file streams; a file mixing UTF-8 and GBK lines would have one
    half read as mojibake, so the first line that betrays a mix is an error. Whether the
    GB18030 text reads as Chinese is judged over the whole file, at its end.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.utf8_line: int | None = None
        self.other_line: int | None = None
        self.other_sample = ""
        self.wide = 0
        self.chinese = 0

    def __call__(self, line: bytes, number: int) -> str:
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line.isascii():
            text = line.decode("ascii")
        else:
            try:
                text = line.decode("utf-8")
                self.utf8_line = self.utf8_line or number
            except UnicodeDecodeError:
                text = self._gb18030(line, number)
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

    def _gb18030(self, line: bytes, number: int) -> str:
        try:
            text = line.decode("gb18030")
        except UnicodeDecodeError:
            raise ReadError(FieldProblem("", _UNKNOWN, file=self.file, row=number)) from None
        if self.other_line is None:
            self.other_line, self.other_sample = number, _sample(text)
        wide, chinese = chinese_characters(text)
        self.wide += wide
        self.chinese += chinese
        return text

    def finish(self) -> None:
        if self.other_line is None or self.chinese >= PLAUSIBLE_SHARE * self.wide:
            return
        raise ReadError(
            FieldProblem(
                "",
                f"not UTF-8, and read as GB18030/GBK it is not Chinese (line {self.other_line} would read "
                f"'{self.other_sample}'); name the file's encoding with --encoding, e.g. --encoding latin-1 "
                f"/ 文件不是 UTF-8，按 GBK 解读也不像中文，请用 --encoding 指明编码",
                file=self.file,
                row=self.other_line,
            )
        )


def _guessed(lines: Iterable[bytes], file: str) -> Iterator[str]:
    decode = _Guess(file)
    for number, line in enumerate(lines, start=1):
        yield decode(line, number)
    decode.finish()


def _told(lines: Iterable[bytes], file: str, encoding: str) -> Iterator[str]:
    """Lines in ``encoding``; byte lines are fed to an incremental decoder, so UTF-16 works too."""
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = ""
    number = 0
    for chunk in _then_end(lines):
        final = not chunk
        try:
            text = pending + decoder.decode(chunk, final=final)
        except UnicodeDecodeError:
            raise ReadError(
                FieldProblem(
                    "", f"not valid {encoding} text / 不是有效的 {encoding} 编码文本", file=file, row=number + 1
                )
            ) from None
        *complete, pending = text.split("\n")
        ready = [part + "\n" for part in complete]
        if final and pending:
            ready.append(pending)
        for line in ready:
            number += 1
            if number == 1:
                line = line.removeprefix("\ufeff")
            if "\x00" in line:
                raise ReadError(FieldProblem("", _NOT_TEXT, file=file, row=number))
            yield line


def _then_end(lines: Iterable[bytes]) -> Iterator[bytes]:
    yield from lines
    yield b""


def text_lines(path: Path, encoding: str | None = None) -> Iterator[str]:
    """The file's lines, decoded, line endings kept, read as they are needed."""
    with path.open("rb") as handle:
        if encoding is None:
            yield from _guessed(handle, path.name)
        else:
            yield from _told(handle, path.name, encoding)
