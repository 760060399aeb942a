"""Check and coerce raw records against the ontology.

Raw values come from JSON (typed) or CSV/Excel (strings); both end as the typed values
that the engines store. Every problem names the field; callers add file, row and record.
A closed-vocabulary value may be given by its code or by its name in words (国家级 or
National for ``national``, as the import templates' drop-downs offer them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from graph_service.errors import FieldProblem
from graph_service.ontology.kinds import EntityKind, kind_properties
from graph_service.ontology.properties import PropertySpec, PropertyType
from graph_service.ontology.relations import RELATION_SPECS, RelationType
from graph_service.ontology.vocabulary import value_label

_TRUE = {"true", "1", "yes", "y", "t", "是", "真", "√", "有"}
_FALSE = {"false", "0", "no", "n", "f", "否", "假", "×", "无"}
_LIST_SPLIT = re.compile(r"[;；,，|、]")
UID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}")
MAX_TEXT = 4000
# NUL ends a string inside the engine and a lone surrogate cannot be encoded as UTF-8:
# neither could be stored and read back unchanged, so both are refused as input.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# What a spreadsheet runs as a formula; as in domain/spreadsheet.py, which this package may not
# import (the domain package imports the ontology).
_FORMULA_STARTS = ("=", "+", "-", "@")


class _Bad(ValueError):
    pass


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return isinstance(value, float) and math.isnan(value)


def _coerce_string(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Bad(f"expected text, got {type(value).__name__}")
    raw = str(value).rstrip()
    text = raw.lstrip()
    # A tab (or carriage return) before = + - @ is what keeps a spreadsheet from running the
    # text as a formula; stripping it would arm the formula again.
    lead = raw[: len(raw) - len(text)]
    if text.startswith(_FORMULA_STARTS) and ("\t" in lead or "\r" in lead):
        text = raw
    if len(text) > MAX_TEXT:
        raise _Bad(f"text longer than {MAX_TEXT} characters / 文本超过 {MAX_TEXT} 个字符")
    if UNSTORABLE.search(text):
        raise _Bad("text contains a NUL character or an invalid (surrogate) code point / 文本含有空字符或无效字符")
    return text


def _coerce_integer(value: Any) -> int:
    if isinstance(value, bool):
        raise _Bad("expected a whole number, got true/false")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise _Bad(f"expected a whole number, got '{value}'") from None
        if number.is_integer():
            return int(number)
    raise _Bad(f"expected a whole number, got '{value}'")


def _coerce_float(value: Any) -> float:
    if isinstance(value, bool):
        raise _Bad("expected a number, got true/false")
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        try:
            result = float(value.strip().replace(",", ""))
        except ValueError:
            raise _Bad(f"expected a number, got '{value}'") from None
    else:
        raise _Bad(f"expected a number, got {type(value).__name__}")
    if not math.isfinite(result):
        raise _Bad("expected a finite number")
    return result


def _coerce_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _Bad(f"expected true/false (是/否), got '{value}'")


def _coerce_list(value: Any) -> list[str]:
    if isinstance(value, str):
        items = [_coerce_string(part) for part in _LIST_SPLIT.split(value)]
    elif isinstance(value, list | tuple):
        items = [_coerce_string(v) for v in value]
    else:
        raise _Bad(f"expected a list of text, got {type(value).__name__}")
    return [item for item in items if item]


_COERCERS = {
    PropertyType.STRING: _coerce_string,
    PropertyType.INTEGER: _coerce_integer,
    PropertyType.FLOAT: _coerce_float,
    PropertyType.BOOLEAN: _coerce_boolean,
    PropertyType.STRING_LIST: _coerce_list,
}


@lru_cache(maxsize=256)
def _choice_words(name: str, choices: tuple[str, ...]) -> dict[str, str]:
    """Each choice's names in words (folded to lower case) -> its code."""
    words: dict[str, str] = {}
    for code in choices:
        for word in value_label(name, code):
            words.setdefault(word.strip().lower(), code)
    return words


def _to_code(spec: PropertySpec, item: str) -> str:
    if item in spec.choices:
        return item
    return _choice_words(spec.name, spec.choices).get(item.strip().lower(), item)


def coerce_value(spec: PropertySpec, value: Any) -> Any:
    """The typed value of ``value`` for ``spec``; raises ValueError with a readable reason.

    >>> from graph_service.ontology.kinds import KIND_SPECS
    >>> level = KIND_SPECS[EntityKind.WORKSTATION].properties[1]
    >>> coerce_value(level, "国家级"), coerce_value(level, "Provincial")
    ('national', 'provincial')
    """
    result = _COERCERS[spec.type](value)
    if spec.choices and isinstance(result, list):
        result = [_to_code(spec, str(item)) for item in result]
    elif spec.choices and isinstance(result, str):
        result = _to_code(spec, result)
    if spec.choices or spec.minimum is not None or spec.maximum is not None:
        _check_bounds(spec, result)
    return result


def _check_bounds(spec: PropertySpec, result: Any) -> None:
    if spec.choices:
        values = result if isinstance(result, list) else [result]
        for item in values:
            if item not in spec.choices:
                allowed = ", ".join(f"{c} ({value_label(spec.name, c)[0]})" for c in spec.choices)
                raise _Bad(f"'{item}' is not one of {allowed} / 不是可选值之一")
    if isinstance(result, int | float) and not isinstance(result, bool):
        if spec.minimum is not None and result < spec.minimum:
            raise _Bad(f"{result} is below the minimum {spec.minimum:g}")
        if spec.maximum is not None and result > spec.maximum:
            raise _Bad(f"{result} is above the maximum {spec.maximum:g}")


class _SpecIndex:
    """A specs tuple looked up by name: built once per tuple.

    An import validates every row against the same few tuples; rebuilding the lookup for
    each row was a tenth of a large import's time.
    """

    __slots__ = ("by_name", "required", "specs")

    def __init__(self, specs: tuple[PropertySpec, ...]) -> None:
        self.specs = specs
        self.by_name = {spec.name: spec for spec in specs}
        self.required = tuple(spec for spec in specs if spec.required)


_SPEC_INDEXES: dict[int, _SpecIndex] = {}


def _spec_index(specs: tuple[PropertySpec, ...]) -> _SpecIndex:
    index = _SPEC_INDEXES.get(id(specs))
    # The identity check guards against a dead tuple's id being reused by another.
    if index is None or index.specs is not specs:
        index = _SPEC_INDEXES[id(specs)] = _SpecIndex(specs)
    return index


def validate_properties(
    specs: tuple[PropertySpec, ...], raw: Mapping[str, Any], what: str
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Typed properties and the problems found; blank values are treated as absent."""
    index = _spec_index(specs)
    props: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for key, value in raw.items():
        spec = index.by_name.get(key)
        if spec is None:
            allowed = ", ".join(sorted(index.by_name))
            problems.append(FieldProblem(key, f"unknown property for {what} (allowed: {allowed}) / 未知字段"))
            continue
        if _is_blank(value):
            continue
        try:
            props[key] = coerce_value(spec, value)
        except ValueError as exc:
            problems.append(FieldProblem(key, str(exc)))
    for spec in index.required:
        if spec.name not in props:
            problems.append(FieldProblem(spec.name, f"required field is missing / 缺少必填字段「{spec.zh}」"))
    return props, problems


def validate_uid(uid: Any, field: str = "uid") -> list[FieldProblem]:
    # fullmatch: ``$`` in a pattern would also accept a trailing newline.
    if not isinstance(uid, str) or not UID_PATTERN.fullmatch(uid):
        return [
            FieldProblem(
                field,
                "uid must be 1-128 characters of letters, digits and _ . : - / 标识只能由字母、数字和 _ . : - 组成",
            )
        ]
    return []


def validate_entity(kind: EntityKind, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Typed properties of one entity of ``kind`` (uid and name included)."""
    props, problems = validate_properties(kind_properties(kind), raw, kind.value)
    if "uid" in props:
        problems += validate_uid(props["uid"])
    return props, problems


def validate_relation_properties(
    rel: RelationType, raw: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    return validate_properties(RELATION_SPECS[rel].properties, raw, rel.value)
