"""The committed schema.graphql is the schema the service serves: every API change shows in review."""

from __future__ import annotations

from pathlib import Path

import graphql

from graph_service.api.schema import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.graphql"


def test_committed_schema_matches_the_generated_one() -> None:
    generated = build_schema().as_str() + "\n"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated, "schema drifted: run `make schema` and commit it"


def test_every_type_and_field_is_described_in_both_languages() -> None:
    schema = graphql.build_schema(build_schema().as_str())
    missing = []
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID", "JSON"}:
            continue
        if not graphql_type.description or "/" not in graphql_type.description:
            missing.append(name)
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if not field.description or "/" not in field.description:
                missing.append(f"{name}.{field_name}")
    assert missing == []
