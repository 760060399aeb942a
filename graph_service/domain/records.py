"""Validated entity and relationship records, the unit of every write."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph_service.ontology import EntityKind, RelationType

PropertyValue = str | int | float | bool | list[str]


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One entity as written to the graph: its kind, uid and typed properties."""

    kind: EntityKind
    uid: str
    properties: dict[str, PropertyValue] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.properties.get("name", ""))


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """One relationship: (source uid) -[type]-> (target uid) with typed properties."""

    type: RelationType
    source: str
    target: str
    properties: dict[str, PropertyValue] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type.value, self.target)
