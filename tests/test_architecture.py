"""The package's structure, read from its source with ``ast``: layers, drivers, frameworks, Cypher, cycles,
the environment.

Layers, top to bottom; a module may import its own layer and the layers below, never one above:

    cli, bench  →  api, web  →  services, ops, synthetic  →  store  →  domain, ontology, errors, config

Database drivers (falkordb, redis, neo4j) are imported in ``store/`` only; web frameworks
(starlette, strawberry, uvicorn) in ``api/``, ``web/``, ``cli/`` and ``bench/`` only. Cypher
lives in ``cypher/`` files, not in Python strings. No two packages import each other, even
through others. Only ``config.py`` reads (or writes) the environment. Each rule is also run
over a small synthetic tree that breaks it, so a checker that stopped seeing violations
fails here too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "graph_service"
PACKAGE = "graph_service"

LAYERS: dict[str, int] = {
    **dict.fromkeys(("cli", "bench"), 4),
    **dict.fromkeys(("api", "web"), 3),
    **dict.fromkeys(("services", "ops", "synthetic"), 2),
    "store": 1,
    **dict.fromkeys(("domain", "ontology", "errors", "config"), 0),
}
DRIVERS = frozenset({"falkordb", "redis", "neo4j"})
DRIVER_HOMES = frozenset({"store"})
FRAMEWORKS = frozenset({"starlette", "strawberry", "uvicorn"})
FRAMEWORK_HOMES = frozenset({"api", "web", "cli", "bench"})
# A string that opens with a Cypher clause and goes on: "MATCH (n)", "RETURN 1", "UNWIND $rows AS row".
# A bare keyword ("CREATE" as a sub-command of a Redis command) is not Cypher text.
CYPHER = re.compile(
    r"^\s*(?:OPTIONAL\s+MATCH|MATCH|MERGE|CREATE|UNWIND|CALL|RETURN|WITH|DETACH\s+DELETE)\s+[\w($`{*\[-]"
)
# The query loader reads cypher/ files; it names no query text itself, but may one day quote one.
CYPHER_HOMES = frozenset({f"{PACKAGE}.store.queries"})
# os names through which a module reads or changes the environment.
ENVIRONMENT = frozenset({"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"})
ENVIRONMENT_HOMES = frozenset({f"{PACKAGE}.config"})


@dataclass(frozen=True, slots=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module (or name), dotted
    line: int


def module_name(root: Path, path: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(root.rglob("*.py")):
        yield module_name(root, path), path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def imports_of(name: str, path: Path, tree: ast.Module) -> Iterator[Import]:
    """Every import, function-level ones included, with relative ones resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                yield Import(name, f"{base}.{alias.name}", node.lineno)


def top(name: str) -> str:
    """The first-level part of the package a dotted name is in ("" for anything outside it)."""
    parts = name.split(".")
    return parts[1] if parts[0] == PACKAGE and len(parts) > 1 else ""


def resolve(target: str, root: Path) -> str:
    """The module an imported name is in: ``graph_service.store.GraphStore`` is ``graph_service.store``."""
    parts = target.split(".")
    while len(parts) > 1:
        path = root.joinpath(*parts[1:])
        if path.with_suffix(".py").exists() or (path / "__init__.py").exists():
            break
        parts.pop()
    return ".".join(parts)


def unit(name: str, depth: int) -> str:
    """The node of a cycle check: ``graph_service.services`` at depth 1, ``graph_service.services.match`` at 2.

    At depth 2 a module directly in a top-level package (``store/factory.py``) is its own node.
    """
    return ".".join(name.split(".")[: depth + 1])


def layer_violations(root: Path) -> list[str]:
    found = []
    for name, path, tree in modules(root):
        mine = LAYERS.get(top(name))
        for imp in imports_of(name, path, tree):
            theirs = LAYERS.get(top(imp.target))
            if imp.target.startswith(f"{PACKAGE}.") and mine is not None and theirs is not None and theirs > mine:
                found.append(f"{path.name}:{imp.line} {name} imports {imp.target} from a layer above")
    return found


def placement_violations(root: Path, libraries: frozenset[str], homes: frozenset[str]) -> list[str]:
    found = []
    for name, path, tree in modules(root):
        for imp in imports_of(name, path, tree):
            if imp.target.split(".")[0] in libraries and top(name) not in homes:
                found.append(f"{path.name}:{imp.line} {name} imports {imp.target}")
    return found


def cypher_violations(root: Path) -> list[str]:
    found = []
    for name, path, tree in modules(root):
        if name in CYPHER_HOMES:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CYPHER.match(node.value):
                found.append(f"{path.name}:{node.lineno} {name}: {node.value[:40]!r}")
    return found


def environment_violations(root: Path) -> list[str]:
    """Every use of ``os.environ``, ``os.getenv`` and the like outside config.py, ``import os as x`` included."""
    found = []
    for name, path, tree in modules(root):
        if name in ENVIRONMENT_HOMES:
            continue
        imports = [alias for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names]
        os_names = {alias.asname or alias.name for alias in imports if alias.name == "os"}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "os":
                used = [a.name for a in node.names if a.name in ENVIRONMENT]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in os_names:
                used = [node.attr] if node.attr in ENVIRONMENT else []
            else:
                continue
            found += [f"{path.name}:{node.lineno} {name} uses os.{attr}" for attr in used]
    return found


def cycles(root: Path, depth: int) -> list[list[str]]:
    """The groups of units that import one another, directly or through others (Tarjan's SCCs).

    A package and the units inside it are not compared: a package may wire its parts together.
    """
    graph: dict[str, set[str]] = {}
    for name, path, tree in modules(root):
        source = unit(name, depth)
        graph.setdefault(source, set())
        for imp in imports_of(name, path, tree):
            if imp.target.startswith(f"{PACKAGE}."):
                target = unit(resolve(imp.target, root), depth)
                if target != source and not source.startswith(f"{target}.") and not target.startswith(f"{source}."):
                    graph[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_layer_imports_upward() -> None:
    assert layer_violations(ROOT) == []


def test_every_top_level_package_has_a_layer() -> None:
    tops = {top(name) for name, _, _ in modules(ROOT)} - {""}
    assert tops <= set(LAYERS), f"add {sorted(tops - set(LAYERS))} to LAYERS (and to docs)"


def test_drivers_only_in_the_store() -> None:
    assert placement_violations(ROOT, DRIVERS, DRIVER_HOMES) == []


def test_web_frameworks_only_at_the_edge() -> None:
    assert placement_violations(ROOT, FRAMEWORKS, FRAMEWORK_HOMES) == []


def test_no_cypher_in_python() -> None:
    assert cypher_violations(ROOT) == []


def test_only_config_reads_the_environment() -> None:
    assert environment_violations(ROOT) == []


# Known and not yet broken: ingest's writer refreshes match's derived tables (popular,
# rosters) after a write, while match reads the seed and the hold-out split, which write
# through ingest. Listed so that any other cycle, or this one growing, fails; remove it
# when the refresh moves out of the writer.
KNOWN_CYCLES: dict[int, list[list[str]]] = {
    1: [],
    2: [[f"{PACKAGE}.services.{name}" for name in ("holdout", "ingest", "match", "seed")]],
}


@pytest.mark.parametrize("depth", [1, 2])
def test_no_import_cycle_between_packages(depth: int) -> None:
    assert cycles(ROOT, depth) == KNOWN_CYCLES[depth]


def write(root: Path, files: dict[str, str]) -> Path:
    tree = root / PACKAGE
    for relative, text in files.items():
        path = tree / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(tree).parents:
            (tree / parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return tree


@pytest.fixture
def clean_tree(tmp_path: Path) -> Path:
    """A tiny package that keeps every rule."""
    return write(
        tmp_path,
        {
            "errors.py": "class Oops(Exception): ...\n",
            "store/engine.py": "import redis\nfrom graph_service.errors import Oops\n",
            "store/factory.py": "from graph_service.store.engine import Oops\n",
            "services/a/run.py": "from graph_service.store import factory\nfrom ..b import util\n",
            "services/b/util.py": "from graph_service.errors import Oops\nSQL = 'CREATE'\n",
            "api/app.py": "import starlette\nfrom graph_service.services.a.run import util\n",
            "cli/main.py": "def f() -> None:\n    from graph_service.api import app\n",
            "config.py": "import os\nHOME = os.environ.get('HOME')\n",
            "ops/run.py": "import os\nCPUS = os.cpu_count()\n",
        },
    )


def test_the_checker_passes_a_clean_tree(clean_tree: Path) -> None:
    assert layer_violations(clean_tree) == []
    assert placement_violations(clean_tree, DRIVERS, DRIVER_HOMES) == []
    assert placement_violations(clean_tree, FRAMEWORKS, FRAMEWORK_HOMES) == []
    assert cypher_violations(clean_tree) == []
    assert environment_violations(clean_tree) == []
    assert cycles(clean_tree, 1) == cycles(clean_tree, 2) == []


def test_the_checker_sees_an_upward_import(clean_tree: Path) -> None:
    (clean_tree / "store" / "late.py").write_text("def f() -> None:\n    from graph_service.services.a import run\n")
    assert [v for v in layer_violations(clean_tree) if "late.py" in v]


def test_the_checker_sees_misplaced_libraries(clean_tree: Path) -> None:
    (clean_tree / "services" / "b" / "db.py").write_text("from neo4j import GraphDatabase\nimport uvicorn\n")
    assert placement_violations(clean_tree, DRIVERS, DRIVER_HOMES)
    assert placement_violations(clean_tree, FRAMEWORKS, FRAMEWORK_HOMES)


@pytest.mark.parametrize(
    "text",
    ["MATCH (n:Entity) RETURN n", "RETURN 1", "  UNWIND $rows AS row MERGE (n {uid: row.uid})", "CALL db.labels()"],
)
def test_the_checker_sees_cypher_text(clean_tree: Path, text: str) -> None:
    (clean_tree / "services" / "b" / "q.py").write_text(f"Q = {text!r}\n")
    assert cypher_violations(clean_tree)


def test_the_checker_lets_prose_be(clean_tree: Path) -> None:
    (clean_tree / "services" / "b" / "q.py").write_text("A = 'Create a token'\nB = 'CREATE'\nC = 'return value'\n")
    assert cypher_violations(clean_tree) == []


@pytest.mark.parametrize(
    "text",
    [
        "import os\nA = os.environ.get('A')\n",
        "import os\ndef f() -> None:\n    os.environ['A'] = '1'\n",
        "from os import getenv\n",
        "import os as system\nA = system.getenv('A')\n",
    ],
)
def test_the_checker_sees_the_environment_read(clean_tree: Path, text: str) -> None:
    (clean_tree / "services" / "b" / "env.py").write_text(text)
    assert environment_violations(clean_tree)


def test_the_checker_sees_a_cycle(clean_tree: Path) -> None:
    (clean_tree / "services" / "b" / "back.py").write_text("from graph_service.services.a.run import factory\n")
    assert cycles(clean_tree, 1) == []
    assert cycles(clean_tree, 2) == [[f"{PACKAGE}.services.a", f"{PACKAGE}.services.b"]]
    (clean_tree / "services" / "b" / "back.py").unlink()
    (clean_tree / "store" / "engine.py").write_text("from graph_service.api import app\n")
    assert [f"{PACKAGE}.api", f"{PACKAGE}.services", f"{PACKAGE}.store"] in cycles(clean_tree, 1)
