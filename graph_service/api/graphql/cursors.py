"""Opaque Relay cursors."""

from __future__ import annotations

import base64
import binascii

from graph_service.errors import InvalidInputError


def encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(f"c:{value}".encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidInputError("invalid cursor / 无效的游标") from None
    if not text.startswith("c:"):
        raise InvalidInputError("invalid cursor / 无效的游标")
    return text[2:]


_SEPARATOR = "\x1f"


def encode_key_cursor(key: str, uid: str) -> str:
    """A cursor for keyset pages ordered by (key, uid)."""
    return encode_cursor(f"{key}{_SEPARATOR}{uid}")


def decode_key_cursor(cursor: str | None) -> tuple[str, str] | None:
    value = decode_cursor(cursor)
    if value is None:
        return None
    key, separator, uid = value.rpartition(_SEPARATOR)
    if not separator:
        raise InvalidInputError("invalid cursor / 无效的游标")
    return key, uid
