"""Every query Neo4j would run passes Neo4j's own Cypher linter (offline, under Node).

No Neo4j server runs here; ``@neo4j-cypher/language-support`` is Neo4j's parser and
semantic analysis, pinned in tools/cypher-lint. Each template is rendered with every
ontology member its slots accept.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graph_service.ontology import EntityKind, RelationType
from graph_service.store.queries import QueryLibrary

LINT_DIR = Path(__file__).resolve().parents[1] / "tools" / "cypher-lint"
SLOT_MEMBERS: dict[str, list[EntityKind] | list[RelationType]] = {
    "kind": list(EntityKind),
    "rel": list(RelationType),
}
ERROR = 1


def lint(statements: list[dict[str, str]]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "Node.js is needed for the Cypher linter"
    assert (LINT_DIR / "node_modules" / "@neo4j-cypher").is_dir(), "run `make lint-deps` to install the Cypher linter"
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def neo4j_statements() -> list[dict[str, str]]:
    library = QueryLibrary("neo4j")
    statements = []
    for name in library.names():
        query = library[name]
        renderings: list[dict[str, Any]] = [{}]
        for slot in sorted(query.slot_names):
            renderings = [{**r, slot: member} for r in renderings for member in SLOT_MEMBERS[slot]]
        for slots in renderings:
            for i, text in enumerate(query.statements(slots)):
                label = ",".join(f"{k}={v.value}" for k, v in slots.items())
                statements.append({"name": f"{query.path.name}#{i + 1}[{label}]", "text": text})
    return statements


def test_every_query_file_passes_the_neo4j_linter() -> None:
    statements = neo4j_statements()
    assert len(statements) > 50
    errors = [
        f"{result['name']} {d['line']}:{d['column']}: {d['message']}"
        for result in lint(statements)
        for d in result["diagnostics"]
        if d["severity"] == ERROR
    ]
    assert errors == []


@pytest.mark.parametrize("text", ["MATCH (n RETURN n", "MATCH (n) RETURN m", "MATCH (n) RETURN n ORDER BY"])
def test_the_linter_reports_errors(text: str) -> None:
    [result] = lint([{"name": "broken", "text": text}])
    assert any(d["severity"] == ERROR for d in result["diagnostics"])
