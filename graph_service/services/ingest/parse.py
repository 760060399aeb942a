"""Turn one raw record (a mapping of property names to values) into a validated record.

A raw entity has ``kind`` and its properties; a raw relationship has ``type``, ``source``
and ``target`` and its properties. Header names (Chinese or English) must already be
mapped to property names; see ``headers.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import FieldProblem
from graph_service.ontology import EntityKind, RelationType, parse_kind, parse_relation
from graph_service.ontology.validation import (
    validate_entity,
    validate_relation_properties,
    validate_uid,
)

Parsed = EntityRecord | RelationRecord


def is_relation(raw: Mapping[str, Any]) -> bool:
    """Entities name their ``kind``; relationships their ``target`` (``source`` is also an entity property)."""
    return "kind" not in raw and ("target" in raw or "type" in raw)


def parse_entity(
    raw: Mapping[str, Any], default_kind: EntityKind | None = None
) -> tuple[EntityRecord | None, list[FieldProblem]]:
    values = dict(raw)
    kind_text = values.pop("kind", None)
    kind = default_kind
    if kind_text not in (None, ""):
        kind = parse_kind(str(kind_text))
        if kind is None:
            known = ", ".join(k.value for k in EntityKind)
            return None, [FieldProblem("kind", f"unknown kind '{kind_text}' (known: {known}) / 未知实体类型")]
    if kind is None:
        return None, [FieldProblem("kind", "kind is missing / 缺少实体类型")]
    props, problems = validate_entity(kind, values)
    if problems:
        return None, problems
    return EntityRecord(kind, str(props["uid"]), props), []


def parse_relation_record(
    raw: Mapping[str, Any], default_type: RelationType | None = None
) -> tuple[RelationRecord | None, list[FieldProblem]]:
    values = dict(raw)
    type_text = values.pop("type", None)
    rel = default_type
    problems: list[FieldProblem] = []
    if type_text not in (None, ""):
        rel = parse_relation(str(type_text))
        if rel is None:
            known = ", ".join(r.value for r in RelationType)
            problems.append(
                FieldProblem("type", f"unknown relationship type '{type_text}' (known: {known}) / 未知关系类型")
            )
    elif rel is None:
        problems.append(FieldProblem("type", "relationship type is missing / 缺少关系类型"))
    source = values.pop("source", None)
    target = values.pop("target", None)
    for name, value in (("source", source), ("target", target)):
        if value in (None, ""):
            problems.append(
                FieldProblem(name, f"{name} uid is missing / 缺少{'起点' if name == 'source' else '终点'}标识")
            )
        else:
            problems += validate_uid(str(value).strip(), name)
    if rel is None or problems:
        return None, problems
    props, prop_problems = validate_relation_properties(rel, values)
    if prop_problems:
        return None, prop_problems
    return RelationRecord(rel, str(source).strip(), str(target).strip(), props), []


def parse_raw(raw: Mapping[str, Any]) -> tuple[Parsed | None, list[FieldProblem]]:
    """An entity or a relationship, told apart by the keys present."""
    if is_relation(raw):
        return parse_relation_record(raw)
    return parse_entity(raw)
