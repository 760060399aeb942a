"""The label of a GraphQL request for logs and metrics: its type and first root field."""

from __future__ import annotations

from functools import lru_cache

import strawberry
from graphql import GraphQLError, OperationDefinitionNode, parse
from graphql.language import FieldNode
from strawberry.types import get_object_definition

CACHED_LENGTH = 20_000  # longer documents are labelled uncached: 1,024 of them must not pin a gigabyte


def root_fields(schema: strawberry.Schema) -> frozenset[str]:
    """The GraphQL names of the schema's query and mutation fields: all a label may name."""
    roots = [get_object_definition(root, strict=True) for root in (schema.query, schema.mutation) if root is not None]
    return frozenset(schema.config.name_converter.from_field(field) for root in roots for field in root.fields)


def operation_label(query: str | None, operation_name: str | None, root_fields: frozenset[str]) -> str:
    if query is not None and len(query) > CACHED_LENGTH:
        return _label.__wrapped__(query, operation_name, root_fields)
    return _label(query, operation_name, root_fields)


@lru_cache(maxsize=1024)
def _label(query: str | None, operation_name: str | None, root_fields: frozenset[str]) -> str:
    """``"query entity"``, ``"mutation upsertEntity"``; ``"invalid"`` for unparsable text.

    Only root fields the schema has appear, so the label set stays bounded whatever
    clients send. ``max_tokens`` keeps a hostile document from costing more than the
    schema's own limit would. Cached like the schema's parser: clients repeat the same
    few documents, and parsing each request twice would be paid on every request.
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


@lru_cache(maxsize=1024)
def operation_count(query: str) -> int:
    """How many operations the document defines (0 when it does not parse)."""
    try:
        document = parse(query, no_location=True, max_tokens=10_000)
    except GraphQLError:
        return 0
    return sum(1 for d in document.definitions if isinstance(d, OperationDefinitionNode))
