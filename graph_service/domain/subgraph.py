"""Subgraphs and paths as the explore services return them, ready to draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class GraphNode:
    uid: str
    kind: str
    name: str
    name_en: str | None = None
    region: str | None = None
    synthetic: bool = False
    depth: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any], depth: int = 0) -> GraphNode:
        return cls(
            uid=str(row["uid"]),
            kind=str(row.get("kind", "")),
            name=str(row.get("name", "")),
            name_en=row.get("name_en"),
            region=row.get("region"),
            synthetic=bool(row.get("synthetic") or False),
            depth=depth,
        )


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: str
    target: str
    type: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)


@dataclass(frozen=True, slots=True)
class Subgraph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class GraphPath:
    """A path as alternating nodes and the edges between them (``len(edges) == len(nodes) - 1``)."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]

    @property
    def length(self) -> int:
        return len(self.edges)
