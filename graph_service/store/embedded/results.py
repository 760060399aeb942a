"""FalkorDB query results as plain rows."""

from __future__ import annotations

from typing import Any

from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.query_result import QueryResult

from graph_service.store.protocol import Row

_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    # Scalars are most of a result; testing their exact type first halves the conversion.
    if type(value) in _SCALARS:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Node | Edge):
        return {str(k): _plain(v) for k, v in value.properties.items()}
    return value


def rows_of(result: QueryResult) -> list[Row]:
    """Each result row as a dict keyed by the RETURN column names."""
    columns = [str(column[1]) for column in result.header or []]
    return [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in result.result_set]
