"""Every third-party module the package imports comes from a distribution pyproject.toml declares.

A module that arrives only as another package's dependency (anyio through starlette,
graphql-core and cross-web through strawberry) disappears or changes when that package
does; declaring it pins what the code relies on.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph_service"
# Modules that exist only for type checkers (imported under TYPE_CHECKING): nothing to install.
TYPING_ONLY = frozenset({"_typeshed"})


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    """The distributions named in [project] dependencies (the service's, not the dev extras)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normalise(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}


def imported() -> dict[str, set[str]]:
    """Top-level modules the package imports (absolutely), with their importers; the standard library and
    the package itself left out."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top not in {PACKAGE.name, "__future__", *TYPING_ONLY} and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_module_is_declared() -> None:
    providers = importlib.metadata.packages_distributions()
    wanted = declared()
    undeclared = {
        module: sorted(paths)[0]
        for module, paths in imported().items()
        if not {_normalise(d) for d in providers.get(module, [])} & wanted
    }
    assert undeclared == {}, "declare these in pyproject.toml [project] dependencies (module: first importer)"


def test_the_scan_sees_what_it_should() -> None:
    # So that the test above cannot pass by finding nothing.
    modules = imported()
    assert {"strawberry", "starlette", "anyio", "graphql", "cross_web", "falkordb", "neo4j"} <= set(modules)
    assert "json" not in modules
    assert "graph_service" not in modules
    assert {"strawberry-graphql", "falkordb", "neo4j"} <= declared()


def _pins(lines: list[str]) -> dict[str, str]:
    """``name==version`` specs as {normalised name: version}; comments and markers left out."""
    pins: dict[str, str] = {}
    for line in lines:
        spec = line.partition("#")[0].partition(";")[0].strip()
        name, sep, version = spec.partition("==")
        if sep:
            pins[_normalise(re.sub(r"\[.*\]", "", name))] = version.strip()
    return pins


def test_constraints_lock_every_pin_of_pyproject_at_its_version() -> None:
    # make install installs with -c constraints.txt: a pin changed without `make lock` would
    # make pip refuse the install, and a pin missing from the lock would not be locked at all.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _pins([*project["dependencies"], *project["optional-dependencies"]["dev"]])
    locked = _pins((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines())
    assert len(wanted) == len(project["dependencies"]) + len(project["optional-dependencies"]["dev"])
    differ = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert differ == {}, "run `make lock` and commit constraints.txt (name: (pyproject, constraints))"
    assert _normalise(project["name"]) not in locked, "the project itself is not locked (pip freeze --exclude-editable)"
    # The transitive ones are there too: the point of the lock.
    assert {"click", "scipy", "h11", "coverage", "execnet"} <= set(locked)
