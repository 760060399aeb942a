"""Text no engine stores as given: refused in parameters before anything is sent.

A NUL ends a string inside FalkorDB, and a lone surrogate cannot be encoded as UTF-8 for
either engine. Neo4j stores a NUL, so without this check the same write would be refused
on one engine and kept on the other, and a Neo4j export would not import into FalkorDB.
"""

from __future__ import annotations

from collections.abc import Mapping

from graph_service.errors import FieldProblem, InvalidInputError
from graph_service.ontology.validation import UNSTORABLE

_search = UNSTORABLE.search


def holds_unstorable(value: object) -> bool:
    """Whether ``value``, or any text inside its maps and lists, holds a NUL or a lone surrogate."""
    if isinstance(value, str):
        return _search(value) is not None
    if isinstance(value, dict):
        return any(holds_unstorable(k) or holds_unstorable(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(holds_unstorable(v) for v in value)
    if isinstance(value, int | float) or value is None:
        return False  # the common case, before the slower abstract Mapping check
    return isinstance(value, Mapping) and any(holds_unstorable(k) or holds_unstorable(v) for k, v in value.items())


def unstorable_error() -> InvalidInputError:
    return InvalidInputError(
        "text contains a NUL character or an invalid (surrogate) code point / 文本含有空字符或无效字符",
        [FieldProblem("", "NUL or surrogate code point / 空字符或无效字符")],
    )
