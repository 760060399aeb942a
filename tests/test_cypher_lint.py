"""Every statement Neo4j would run passes Neo4j's own Cypher linter, with no errors.

No Neo4j server runs here. ``@neo4j-cypher/language-support`` (pinned in tools/cypher-lint,
installed by ``make lint-deps``) is Neo4j's parser and semantic analysis, run offline under Node
as CYPHER 5. What is linted is what ``QueryLibrary("neo4j")`` serves: the shared ``cypher/``
files and the ``cypher/neo4j/`` overrides, never the FalkorDB-only files. A template is rendered
with the first ontology member of each slot and split into statements as the store runs them:
without a schema the linter reads a label or relationship type as a bare name, so another
member gives the same diagnostics (one statement naming every member checks that each is a
name Cypher takes unquoted). Warnings (deprecations) do not fail the test; error-level
diagnostics do.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graph_service.ontology import EntityKind, RelationType
from graph_service.store.queries import QueryLibrary

LINT_DIR = Path(__file__).resolve().parents[1] / "tools" / "cypher-lint"
PACKAGE = "@neo4j-cypher/language-support"
SLOT_MEMBERS: dict[str, tuple[EntityKind | RelationType, ...]] = {
    "kind": tuple(EntityKind),
    "rel": tuple(RelationType),
}
ERROR = 1  # LSP DiagnosticSeverity.Error; 2 is Warning


@dataclass(frozen=True, slots=True)
class Statement:
    file: str
    index: int
    slots: str
    text: str

    @property
    def name(self) -> str:
        return f"{self.file}#{self.index}[{self.slots}]"


def _installed_linter() -> Path:
    """lint.mjs, once Node and the pinned package are known to be there; fails (never skips) otherwise."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js (`node`, version 20 or later) is not on PATH; the Cypher linter needs it", pytrace=False)
    pinned = json.loads((LINT_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"][PACKAGE]
    installed = LINT_DIR / "node_modules" / PACKAGE / "package.json"
    if not installed.is_file():
        pytest.fail(f"the Cypher linter is not installed (no {installed}): run `make lint-deps`", pytrace=False)
    version = json.loads(installed.read_text(encoding="utf-8"))["version"]
    if version != pinned:
        pytest.fail(f"{PACKAGE} {version} is installed but {pinned} is pinned: run `make lint-deps`", pytrace=False)
    return LINT_DIR / "lint.mjs"


def lint(statements: list[dict[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Diagnostics per statement name, from one Node process for the whole batch."""
    script = _installed_linter()
    done = subprocess.run(
        ["node", str(script)],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"the Cypher linter failed (exit {done.returncode}):\n{done.stderr}", pytrace=False)
    results: list[dict[str, Any]] = json.loads(done.stdout)
    assert [r["name"] for r in results] == [s["name"] for s in statements]
    return {r["name"]: r["diagnostics"] for r in results}


def _first_members(slot_names: frozenset[str]) -> dict[str, EntityKind | RelationType]:
    unknown = slot_names - SLOT_MEMBERS.keys()
    assert not unknown, f"slots {sorted(unknown)} have no members listed in SLOT_MEMBERS"
    return {slot: SLOT_MEMBERS[slot][0] for slot in slot_names}


def neo4j_statements() -> list[Statement]:
    library = QueryLibrary("neo4j")
    statements = []
    for name in library.names():
        query = library[name]
        file = query.path.relative_to(library.directory).as_posix()
        slots = _first_members(query.slot_names)
        label = ",".join(f"{slot}={member.value}" for slot, member in sorted(slots.items()))
        for index, text in enumerate(query.statements(slots), start=1):
            statements.append(Statement(file, index, label, text))
    return statements


def every_member_statement() -> str:
    """One statement naming every kind as a label and every relationship type as a type."""
    kinds = " OR ".join(f"m:{kind.value}" for kind in SLOT_MEMBERS["kind"])
    types = "|".join(rel.value for rel in SLOT_MEMBERS["rel"])
    return f"MATCH (n:Entity)-[r:{types}]->(m)\nWHERE {kinds}\nRETURN count(r) AS ties"


def test_statements_cover_every_query_and_slot_member() -> None:
    library = QueryLibrary("neo4j")
    statements = neo4j_statements()
    assert {s.file for s in statements} == {
        library[name].path.relative_to(library.directory).as_posix() for name in library.names()
    }
    assert not any(s.file.startswith("falkordb/") for s in statements)
    every = every_member_statement()
    for members in SLOT_MEMBERS.values():
        assert all(f":{m.value}" in every or f"|{m.value}" in every for m in members)


@pytest.mark.slow
def test_every_statement_neo4j_would_run_passes_the_neo4j_linter() -> None:
    statements = [*neo4j_statements(), Statement("every ontology member", 1, "", every_member_statement())]
    diagnostics = lint([{"name": s.name, "text": s.text} for s in statements])

    problems = []
    for s in statements:
        text_lines = s.text.splitlines()
        for d in diagnostics[s.name]:
            if d["severity"] == ERROR:
                at = text_lines[d["line"] - 1].strip() if 0 < d["line"] <= len(text_lines) else ""
                slots = f" (slots {s.slots})" if s.slots else ""
                where = f"cypher/{s.file}, statement {s.index}{slots}, at {d['line']}:{d['column']}"
                problems.append(f"{where} of the statement: {d['message']}\n    {at}")
    if problems:
        pytest.fail(f"{len(problems)} Neo4j Cypher error(s):\n" + "\n".join(problems), pytrace=False)


BROKEN = {
    "syntax": ("MATCH (n RETURN n", 1, 10),
    "undefined variable": ("MATCH (n)\nRETURN m", 2, 8),
    "!= for <>": ("MATCH (n) WHERE n.x != 1 RETURN n", 1, 21),
    "Cypher 25 only": ("LET x = 1 RETURN x", 1, 1),
    "console command": (":param x => 1", 1, 1),
}
CLEAN = {
    "parameters are not errors": "MATCH (n:Entity {uid: $uid}) RETURN n.name AS name LIMIT $limit",
    "unknown labels are not errors": "MATCH (n:NoSuchLabel)-[:NO_SUCH_TYPE]->(m) RETURN count(*) AS c",
    "deprecations are warnings": "MATCH (n) CALL { WITH n RETURN 1 AS x } RETURN x",
}


def test_the_linter_reports_errors_and_only_errors() -> None:
    """Guards the check itself: broken Cypher must fail it, valid Cypher must not."""
    diagnostics = lint(
        [{"name": name, "text": text} for name, (text, _, _) in BROKEN.items()]
        + [{"name": name, "text": text} for name, text in CLEAN.items()]
    )
    for name, (_, line, column) in BROKEN.items():
        errors = [(d["line"], d["column"]) for d in diagnostics[name] if d["severity"] == ERROR]
        assert (line, column) in errors, f"{name}: {diagnostics[name]}"
    for name in CLEAN:
        assert [d for d in diagnostics[name] if d["severity"] == ERROR] == [], name
    assert any(d["severity"] == 2 for d in diagnostics["deprecations are warnings"])
