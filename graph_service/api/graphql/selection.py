"""Whether a query asks for a field, so a resolver can skip work no one will read."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from graph_service.api.graphql.context import Info


def _names(selections: Iterable[Selection]) -> Iterable[str]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection.name
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _names(selection.selections)


def selects(info: Info, name: str) -> bool:
    """True when the field being resolved selects ``name`` (by its GraphQL name), through
    fragments too. A field skipped by ``@skip``/``@include`` still counts: a wasted count
    is cheaper than a missing one."""
    return any(name in _names(field.selections) for field in info.selected_fields)
