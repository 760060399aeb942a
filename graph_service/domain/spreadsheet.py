"""Text that a spreadsheet would run as a formula, made inert in the files the product writes.

Excel, LibreOffice and Google Sheets read a cell that begins with ``= + - @`` (or with a tab
or carriage return, which they skip) as a formula, so a name such as
``=HYPERLINK("http://x","y")`` written verbatim into a CSV becomes a live link, or worse.
OWASP's remedy is used: such a text gets a leading ``'`` in CSV, which every spreadsheet
shows as text. A text that already begins with ``'`` before one of those characters gets
one more, so that reading a CSV back (``restore``) gives exactly the text that was written.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would run ``text`` (or ``text`` with its quote prefixes removed).

    >>> is_formula_like("=1+1"), is_formula_like("'@SUM(1)"), is_formula_like("成都"), is_formula_like("'a")
    (True, True, False, False)
    """
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def inert(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows and never runs.

    >>> inert('=HYPERLINK("http://x","y")'), inert("-2+3"), inert("'=1"), inert("'quoted"), inert("蓉芯")
    ('\\'=HYPERLINK("http://x","y")', "'-2+3", "''=1", "'quoted", '蓉芯')
    """
    return QUOTE + text if is_formula_like(text) else text


def restore(text: str) -> str:
    """The text ``inert`` was given: one quote prefix taken off a formula-like text.

    >>> restore("'=1+1"), restore("''=1"), restore("'quoted"), restore("=1+1")
    ('=1+1', "'=1", "'quoted", '=1+1')
    """
    return text[1:] if text.startswith(QUOTE) and is_formula_like(text) else text
