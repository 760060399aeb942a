"""The GraphiQL page, with the example queries open as tabs, from vendored assets."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

STATIC_DIR = Path(__file__).parent / "static"


def graphiql_page(tabs: Sequence[Mapping[str, Any]]) -> str:
    """The page with ``tabs`` (each a ``query`` and its ``variables``) open; the caller keeps it."""
    # "</" would end the script element early; JSON allows escaping the slash.
    payload = json.dumps(list(tabs), ensure_ascii=False).replace("</", "<\\/")
    return (Path(__file__).parent / "graphiql.html").read_text(encoding="utf-8").replace("__EXAMPLES__", payload)
