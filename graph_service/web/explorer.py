"""The explorer page: search, neighbourhood graph, recommendations, paths and chains, over GraphQL."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def explorer_page() -> str:
    # Read once: the page is static; everything it shows comes from /graphql at run time.
    return (Path(__file__).parent / "explorer.html").read_text(encoding="utf-8")
