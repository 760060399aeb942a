"""Named Cypher queries, loaded once from ``cypher/``.

``cypher/<name>.cypher`` serves both engines; ``cypher/<engine>/<name>.cypher`` overrides
it for one engine (schema, indexes, full-text and shortest paths only). A template may
leave labels or relationship types open as ``{{slot}}``; they are filled only with
ontology members, which is what makes them safe to place in query text. A line
``{{> name}}`` is replaced, when the file is read, by ``cypher/fragments/<name>.cypher``:
clauses several statements must run alike (numbering a change event), written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString, cast

from graph_service.config import cypher_dir
from graph_service.errors import QueryError
from graph_service.ontology import ENTITY_LABEL, EntityKind, RelationType
from graph_service.store.protocol import Slots

ENGINES = ("falkordb", "neo4j")
_SLOT = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_INCLUDE = re.compile(r"^[ \t]*\{\{>\s*([a-z_]+)\s*\}\}[ \t]*$", re.MULTILINE)
_ALLOWED_LABELS = frozenset({ENTITY_LABEL, *(k.value for k in EntityKind), *(r.value for r in RelationType)})


def strip_comments(text: str) -> str:
    """Query text without whole-line ``//`` comments and surrounding blank lines."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(lines).strip()


@dataclass(frozen=True, slots=True)
class Query:
    """One named query's text, possibly with open slots."""

    name: str
    template: str
    path: Path

    @property
    def slot_names(self) -> frozenset[str]:
        return frozenset(_SLOT.findall(self.template))

    def render(self, slots: Slots | None = None) -> LiteralString:
        """The query text with its slots filled; the one place text becomes LiteralString."""
        given = dict(slots or {})
        missing = self.slot_names - given.keys()
        if missing:
            raise QueryError(f"query '{self.name}' needs slots {sorted(missing)}")

        def fill(match: re.Match[str]) -> str:
            member = given[match.group(1)]
            if not isinstance(member, EntityKind | RelationType) or member.value not in _ALLOWED_LABELS:
                raise QueryError(f"query '{self.name}': slot {match.group(1)} takes an ontology member")
            return str(member.value)

        # mypy treats LiteralString as str; the cast is for the neo4j driver's typing.
        return cast(LiteralString, _SLOT.sub(fill, self.template))  # type: ignore[redundant-cast]

    def statements(self, slots: Slots | None = None) -> list[LiteralString]:
        """The rendered text split on ``;`` at line ends, for multi-statement schema files."""
        parts = re.split(r";\s*(?:\n|$)", self.render(slots))
        return [cast(LiteralString, part.strip()) for part in parts if part.strip()]


class QueryLibrary:
    """All query files for one engine, read once at construction."""

    def __init__(self, engine: str, directory: Path | None = None) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}")
        self.engine = engine
        self.directory = directory or cypher_dir()
        self._queries: dict[str, Query] = {}
        for path in sorted(self.directory.glob("*.cypher")):
            self._queries[path.stem] = self._load(path)
        for path in sorted((self.directory / engine).glob("*.cypher")):
            self._queries[path.stem] = self._load(path)
        if not self._queries:
            raise QueryError(f"no query files found in {self.directory}")

    def _load(self, path: Path) -> Query:
        text = strip_comments(path.read_text(encoding="utf-8"))
        return Query(path.stem, _INCLUDE.sub(lambda match: self._fragment(path, match.group(1)), text), path)

    def _fragment(self, path: Path, name: str) -> str:
        fragment = self.directory / "fragments" / f"{name}.cypher"
        if not fragment.is_file():
            raise QueryError(f"{path.name} includes '{name}', but there is no {fragment.name} in fragments/")
        return strip_comments(fragment.read_text(encoding="utf-8"))

    def __getitem__(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise QueryError(f"no query named '{name}' for {self.engine}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def names(self) -> list[str]:
        return sorted(self._queries)
