"""Column headers accepted on import: property names, English labels and Chinese labels.

A header is matched after normalising (case, spaces, underscores, full-width brackets), so
``Name``, ``name``, ``名称`` and ``名 称`` all mean ``name``. Besides each property's own
labels, ``kind`` is also 类型/实体类型, ``type`` is 关系/关系类型, ``source`` is
起点/源/起点标识/from and ``target`` is 终点/目标/终点标识/to.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph_service.ontology import (
    KIND_SPECS,
    RELATION_SPECS,
    EntityKind,
    PropertySpec,
    RelationType,
    kind_properties,
)

KIND_HEADERS = ("kind", "类型", "实体类型", "entity kind")
TYPE_HEADERS = ("type", "关系", "关系类型", "relationship", "relationship type")
SOURCE_HEADERS = ("source", "起点", "源", "起点标识", "from", "source uid", "起点uid")
TARGET_HEADERS = ("target", "终点", "目标", "终点标识", "to", "target uid", "终点uid")
ENDPOINT_HEADERS = {"source": SOURCE_HEADERS, "target": TARGET_HEADERS}

_FOLD = str.maketrans({"（": "(", "）": ")", "　": ""})


# A JSON Lines file names its columns again on every row; the same few names recur.
@lru_cache(maxsize=4096)
def normalise(header: str) -> str:
    """The comparable form of a header.

    >>> normalise(" Name_EN ")
    'nameen'
    """
    text = header.replace("\ufeff", "").translate(_FOLD).strip().lower()
    return re.sub(r"[\s_\-]+", "", text)


def _add(mapping: dict[str, str], names: tuple[str, ...], prop: str) -> None:
    for name in names:
        mapping.setdefault(normalise(name), prop)


def _add_specs(mapping: dict[str, str], specs: tuple[PropertySpec, ...]) -> None:
    for spec in specs:
        _add(mapping, (spec.name, spec.zh, spec.en, *spec.headers), spec.name)


def entity_headers(kind: EntityKind | None) -> dict[str, str]:
    """Header → property name for an entity file of ``kind`` (any kind when None)."""
    mapping: dict[str, str] = {}
    _add(mapping, KIND_HEADERS, "kind")
    kinds = [kind] if kind else list(KIND_SPECS)
    for each in kinds:
        _add_specs(mapping, kind_properties(each))
    return mapping


def relation_headers(rel: RelationType | None) -> dict[str, str]:
    """Header → property name for a relationship file of ``rel`` (any type when None)."""
    mapping: dict[str, str] = {}
    _add(mapping, TYPE_HEADERS, "type")
    _add(mapping, SOURCE_HEADERS, "source")
    _add(mapping, TARGET_HEADERS, "target")
    for each in [rel] if rel else list(RELATION_SPECS):
        _add_specs(mapping, RELATION_SPECS[each].properties)
    return mapping


def is_relation_header_row(headers: list[str]) -> bool:
    """True when the columns name both relationship endpoints."""
    found = {normalise(h) for h in headers}
    return all(any(normalise(name) in found for name in names) for names in ENDPOINT_HEADERS.values())
