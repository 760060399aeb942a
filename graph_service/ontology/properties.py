"""Property declarations shared by entity kinds and relationship types."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TypedDict, Unpack


class PropertyType(enum.Enum):
    """Value types both engines store as node or relationship properties."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    STRING_LIST = "string_list"


@dataclass(frozen=True, slots=True)
class PropertySpec:
    """One property: its name, type and bilingual label.

    ``headers`` are extra column headers accepted on import (Chinese ones mostly);
    ``choices`` restricts a string to a closed vocabulary; ``personal`` marks contact
    data that only privileged roles may read.
    """

    name: str
    type: PropertyType
    zh: str
    en: str
    required: bool = False
    choices: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    personal: bool = False
    minimum: float | None = None
    maximum: float | None = None


def string(
    name: str,
    zh: str,
    en: str,
    *,
    required: bool = False,
    choices: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
    personal: bool = False,
) -> PropertySpec:
    return PropertySpec(name, PropertyType.STRING, zh, en, required, choices, headers, personal)


class Bounds(TypedDict, total=False):
    """What a numeric property may add: import headers and the range of its values."""

    headers: tuple[str, ...]
    minimum: float | None
    maximum: float | None


def integer(name: str, zh: str, en: str, **bounds: Unpack[Bounds]) -> PropertySpec:
    return PropertySpec(name, PropertyType.INTEGER, zh, en, **bounds)


def number(name: str, zh: str, en: str, **bounds: Unpack[Bounds]) -> PropertySpec:
    return PropertySpec(name, PropertyType.FLOAT, zh, en, **bounds)


def boolean(name: str, zh: str, en: str, *, headers: tuple[str, ...] = ()) -> PropertySpec:
    return PropertySpec(name, PropertyType.BOOLEAN, zh, en, headers=headers)


def string_list(
    name: str,
    zh: str,
    en: str,
    *,
    choices: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
) -> PropertySpec:
    return PropertySpec(name, PropertyType.STRING_LIST, zh, en, choices=choices, headers=headers)
