"""Entities as the services return them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_service.ontology import EntityKind, parse_kind

# Stored for bookkeeping, not part of an entity's public properties.
# Stored beside an entity's own properties, derived or for housekeeping: never shown as properties.
BOOKKEEPING = frozenset(
    {
        "kind",
        "fingerprint",
        "created_at",
        "updated_at",
        "search_text",
        "roster_uids",
        "roster_kinds",
        "roster_weights",
        "roster_regions",
        "tally_actors",
        "tally_actors_ticket",
        "tally_talent",
        "tally_talent_ticket",
        "tally_tickets",
    }
)
# Derived from the rest and recounted after a restore (a segment's tally): not backed up.
RECOUNTED = frozenset({"tally_actors", "tally_actors_ticket", "tally_talent", "tally_talent_ticket", "tally_tickets"})


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity read from the graph."""

    uid: str
    kind: EntityKind
    name: str
    properties: dict[str, Any] = field(default_factory=dict)
    created_at: str | None = None
    updated_at: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Entity:
        kind = parse_kind(str(row.get("kind", "")))
        if kind is None:
            raise ValueError(f"stored entity {row.get('uid')!r} has unknown kind {row.get('kind')!r}")
        props = {k: v for k, v in row.items() if k not in BOOKKEEPING}
        return cls(
            uid=str(row["uid"]),
            kind=kind,
            name=str(row.get("name", "")),
            properties=props,
            created_at=row.get("created_at"),
            updated_at=row.get("updated_at"),
        )


@dataclass(frozen=True, slots=True)
class Page:
    """A page of entities in uid order and how to ask for the next."""

    items: list[Entity]
    total: int | None  # None when not counted
    has_next: bool
    end_cursor: tuple[str, str] | None
