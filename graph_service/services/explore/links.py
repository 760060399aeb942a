"""Neighbours of many entities along one relationship field, a page each, in one round trip."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph_service.domain.entities import Entity
from graph_service.errors import LimitExceededError
from graph_service.ontology.navigation import Direction, Link
from graph_service.services.access import policy
from graph_service.store import GraphStore

MAX_PAGE = 100
_PAGE_QUERY = {Direction.OUT: "links_out_page", Direction.IN: "links_in_page", Direction.BOTH: "links_both_page"}
_COUNT_QUERY = {Direction.OUT: "links_out_count", Direction.IN: "links_in_count", Direction.BOTH: "links_both_count"}


@dataclass(frozen=True, slots=True)
class LinkedEntity:
    """A neighbour reached along a link, with the relationship's properties."""

    node: Entity
    properties: dict[str, Any]
    outgoing: bool


@dataclass(frozen=True, slots=True)
class LinkPage:
    items: list[LinkedEntity]
    has_next: bool


def _kinds(link: Link) -> list[str]:
    return sorted(kind.value for kind in link.others)


def link_pages(
    store: GraphStore, link: Link, parents: list[str], *, first: int, after: str | None
) -> dict[str, LinkPage]:
    """A page of neighbours of each parent along ``link``, in uid order after ``after``."""
    policy.require_read()
    if not 0 <= first <= MAX_PAGE:
        raise LimitExceededError(f"first must be between 0 and {MAX_PAGE} / 每页最多 {MAX_PAGE} 条")
    rows = store.read(
        _PAGE_QUERY[link.direction],
        {"parents": parents, "after": after or "", "limit": first + 1, "kinds": _kinds(link)},
        slots={"rel": link.rel},
    )
    grouped: dict[str, list[LinkedEntity]] = defaultdict(list)
    for row in rows:
        parent = str(row["parent"])
        grouped[parent].append(
            LinkedEntity(Entity.from_row(row["node"]), dict(row["props"] or {}), row["source"] == parent)
        )
    return {p: LinkPage(grouped[p][:first], len(grouped[p]) > first) for p in parents}


def link_counts(store: GraphStore, link: Link, parents: list[str]) -> dict[str, int]:
    """How many neighbours each parent has along ``link``."""
    policy.require_read()
    rows = store.read(
        _COUNT_QUERY[link.direction], {"parents": parents, "kinds": _kinds(link)}, slots={"rel": link.rel}
    )
    counts = {str(row["parent"]): int(row["total"]) for row in rows}
    return {p: counts.get(p, 0) for p in parents}
