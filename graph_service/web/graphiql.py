"""The GraphiQL page, with the example queries open as tabs, from vendored assets."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from graph_service.api.examples import EXAMPLES

STATIC_DIR = Path(__file__).parent / "static"


@cache
def graphiql_page() -> str:
    examples = [{"query": f"# {e.title}\n{e.query.strip()}\n", "variables": e.variables} for e in EXAMPLES]
    # "</" would end the script element early; JSON allows escaping the slash.
    payload = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    return (Path(__file__).parent / "graphiql.html").read_text(encoding="utf-8").replace("__EXAMPLES__", payload)
