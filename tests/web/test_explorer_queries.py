"""Every GraphQL document the explorer sends, queries and mutations, validates against the committed schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "graph_service" / "web" / "static" / "explorer" / "queries.js"
CONSTANT = re.compile(r"^(?:export )?const (\w+) = `(.*?)`;", re.S | re.M)


def _documents() -> dict[str, str]:
    constants = dict(CONSTANT.findall(QUERIES.read_text(encoding="utf-8")))
    resolved = {name: re.sub(r"\$\{(\w+)\}", lambda m: constants[m.group(1)], text) for name, text in constants.items()}
    return {name: text for name, text in resolved.items() if text.lstrip().startswith(("query", "mutation"))}


def test_the_page_has_queries() -> None:
    assert {"SEARCH", "ENTITY", "NEIGHBORHOOD", "RECOMMEND", "TEAM", "PATHS", "CHAIN_GAPS"} <= set(_documents())


@pytest.mark.parametrize("name", sorted(_documents()))
def test_query_validates_against_the_schema(name: str) -> None:
    schema = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    errors = validate(schema, parse(_documents()[name]))
    assert not errors, [e.message for e in errors]
