"""The label of a GraphQL request for logs and metrics: its type and first root field."""

from __future__ import annotations

from collections.abc import Collection

from graphql import GraphQLError, OperationDefinitionNode, parse
from graphql.language import FieldNode


def operation_label(query: str | None, operation_name: str | None, root_fields: Collection[str]) -> str:
    """``"query entity"``, ``"mutation upsertEntity"``; ``"invalid"`` for unparsable text.

    Only root fields the schema has appear, so the label set stays bounded whatever
    clients send. ``max_tokens`` keeps a hostile document from costing more than the
    schema's own limit would.
    """
    if not query:
        return "invalid"
    try:
        document = parse(query, no_location=True, max_tokens=10_000)
    except GraphQLError:
        return "invalid"
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = next((o for o in operations if o.name and o.name.value == operation_name), None)
    if chosen is None and operations:
        chosen = operations[0]
    if chosen is None:
        return "invalid"
    kind = chosen.operation.value
    fields = [s.name.value for s in chosen.selection_set.selections if isinstance(s, FieldNode)]
    field = fields[0] if fields and fields[0] in root_fields else "other"
    return f"{kind} {field}"
