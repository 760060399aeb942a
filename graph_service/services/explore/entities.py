"""Read entities by uid and page through them by kind."""

from __future__ import annotations

from graph_service.domain.entities import Entity, Page
from graph_service.errors import LimitExceededError
from graph_service.ontology import EntityKind
from graph_service.store import GraphStore

MAX_PAGE = 100


def get_entity(store: GraphStore, uid: str) -> Entity | None:
    """The entity with ``uid``, or None."""
    rows = store.read("entity_get", {"uid": uid})
    return Entity.from_row(rows[0]["entity"]) if rows else None


def get_entities(store: GraphStore, uids: list[str]) -> dict[str, Entity]:
    """Entities by uid in one round trip; missing uids are absent from the result."""
    rows = store.read("entities_get", {"uids": list(dict.fromkeys(uids))})
    entities = (Entity.from_row(row["entity"]) for row in rows)
    return {entity.uid: entity for entity in entities}


def list_entities(store: GraphStore, kind: EntityKind, *, first: int = 20, after: str | None = None) -> Page:
    """A page of entities of ``kind`` in uid order after the cursor uid ``after``."""
    if not 0 <= first <= MAX_PAGE:
        raise LimitExceededError(f"first must be between 0 and {MAX_PAGE} / 每页最多 {MAX_PAGE} 条")
    rows = store.read("entities_page", {"after": after or "", "limit": first + 1}, slots={"kind": kind})
    items = [Entity.from_row(row["entity"]) for row in rows[:first]]
    total = int(store.read("entities_count", slots={"kind": kind})[0]["total"])
    end = items[-1].uid if items else None
    return Page(items=items, total=total, has_next=len(rows) > first, end_cursor=end)
