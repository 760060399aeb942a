"""Read entities by uid and page through them by kind, filtered and ordered."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass

from graph_service.domain.entities import Entity, Page
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import EntityKind, PropertyType, kind_properties
from graph_service.services.access import policy
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

MAX_PAGE = 100


class EntityOrder(enum.Enum):
    UID = "uid"
    NAME = "name"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class EntityFilter:
    """Which entities to list; empty means any. ``field`` (works in) and ``needs`` (needs, an
    enterprise's stated demand) include their narrower fields."""

    region: str | None = None
    field: str | None = None
    flags: list[str] = dataclasses.field(default_factory=list)
    text: str = ""
    synthetic: bool | None = None
    needs: str | None = None


def get_entity(store: GraphStore, uid: str) -> Entity | None:
    """The entity with ``uid``, or None."""
    policy.require_read()
    rows = store.read("entity_get", {"uid": uid})
    return Entity.from_row(rows[0]["entity"]) if rows else None


def get_entities(store: GraphStore, uids: list[str]) -> dict[str, Entity]:
    """Entities by uid in one round trip; missing uids are absent from the result."""
    policy.require_read()
    rows = store.read("entities_get", {"uids": list(dict.fromkeys(uids))})
    entities = (Entity.from_row(row["entity"]) for row in rows)
    return {entity.uid: entity for entity in entities}


def _field_uids(store: GraphStore, field_uid: str) -> list[str]:
    rows = store.read("field_narrower", {"field": field_uid})
    if not rows:
        raise NotFoundError(f"unknown field '{field_uid}' / 未知技术领域「{field_uid}」")
    return [str(rows[0]["uid"]), *(str(u) for u in rows[0]["narrower"] if u)]


def _check_flags(kind: EntityKind, flags: list[str]) -> None:
    booleans = {spec.name for spec in kind_properties(kind) if spec.type is PropertyType.BOOLEAN}
    unknown = sorted(set(flags) - booleans)
    if unknown:
        raise InvalidInputError(
            f"{', '.join(unknown)} are not flags of {kind.value}; flags: {', '.join(sorted(booleans))} / 无效的标志"
        )


def list_entities(
    store: GraphStore,
    kind: EntityKind,
    *,
    where: EntityFilter | None = None,
    order: EntityOrder = EntityOrder.UID,
    first: int = 20,
    after: tuple[str, str] | None = None,
    count: bool = True,
) -> Page:
    """A page of entities of ``kind`` matching ``where``, in ``order``, after the cursor (key, uid).

    Without ``count`` the page's total is None unless the page itself shows it: counting
    every match of a broad filter costs more than reading the page.
    """
    policy.require_read()
    if not 0 <= first <= MAX_PAGE:
        raise LimitExceededError(f"first must be between 0 and {MAX_PAGE} / 每页最多 {MAX_PAGE} 条")
    where = where or EntityFilter()
    _check_flags(kind, where.flags)
    params = {
        "regions": region_names(store, where.region) if where.region else [],
        "fields": _field_uids(store, where.field) if where.field else [],
        "needs": _field_uids(store, where.needs) if where.needs else [],
        "flags": sorted(set(where.flags)),
        "text": where.text.strip(),
        "synthetic": where.synthetic,
    }
    # Start from the narrowest index the filter allows: the named fields' ties, else the
    # kind-and-region index, else the kind's label.
    if params["fields"] or params["needs"]:
        query = "entities_in_fields"
    elif params["regions"]:
        query = "entities_in_regions"
    else:
        query = "entities_filtered"
    count_query = f"{query}_count"
    after_key, after_uid = after or ("", "")
    page = {"order": order.value, "after_key": after_key, "after_uid": after_uid, "limit": first + 1}
    rows = store.read(query, {**params, **page, "kind": kind.value}, slots={"kind": kind})
    items = [Entity.from_row(row["entity"]) for row in rows[:first]]
    has_next = len(rows) > first
    total: int | None = None
    if after is None and first > 0 and not has_next:
        total = len(items)  # the first page holds every match: no need to count them again
    elif count:
        counted = store.read(count_query, {**params, "kind": kind.value}, slots={"kind": kind})
        total = int(counted[0]["total"])
    end = (str(rows[len(items) - 1]["key"] or ""), items[-1].uid) if items else None
    return Page(items=items, total=total, has_next=has_next, end_cursor=end)
