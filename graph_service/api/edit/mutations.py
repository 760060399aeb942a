"""Mutations for managers: upsertEntity, link, unlink, deleteEntity.

A rejected input or a missing target is raised, as the services raise it, and becomes
the result's ``InvalidInput`` or ``NotFound`` through the handlers in ``handlers.py``.
"""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.edit.types import (
    Done,
    EditResult,
    EntityInput,
    EntityPayload,
    LinkInput,
    UpsertEntityResult,
)
from graph_service.api.explore.types import entity_from_domain
from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.errors import FieldProblem, InvalidInputError
from graph_service.services import edit


def _properties(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInputError(
            f"{what} must be an object / 属性须为对象", [FieldProblem("properties", "expected an object")]
        )
    return dict(value)


@strawberry.type
class EditMutation:
    # Results are nullable: a document with several mutations runs them in order, and one
    # refused (forbidden, engine down) is null with its error while those before it that
    # committed keep their results. A non-null result would null the whole data entry.
    @strawberry.mutation(description="新建或更新实体 / Create an entity or update the properties given")
    async def upsert_entity(self, info: Info, input: EntityInput) -> UpsertEntityResult | None:
        props = {**_properties(input.properties, "properties"), "uid": input.uid}
        if input.name is not None:
            props["name"] = input.name
        elif "name" not in props:
            existing = await info.context.loaders.entity.load(input.uid)
            if existing is not None:
                props["name"] = existing.name
        entity = await run_sync(edit.upsert_entity, info.context.store, input.kind, props)
        return EntityPayload(entity=entity_from_domain(entity))

    @strawberry.mutation(description="建立或更新关系 / Create or update a relationship")
    async def link(self, info: Info, input: LinkInput) -> EditResult | None:
        props = _properties(input.properties, "properties")
        await run_sync(edit.link, info.context.store, input.type, input.source, input.target, props)
        return Done(changed=True)

    @strawberry.mutation(description="删除关系 / Delete a relationship")
    async def unlink(self, info: Info, input: LinkInput) -> EditResult | None:
        changed = await run_sync(edit.unlink, info.context.store, input.type, input.source, input.target)
        return Done(changed=changed)

    @strawberry.mutation(description="删除实体及其关系 / Delete an entity and its relationships")
    async def delete_entity(self, info: Info, uid: str) -> EditResult | None:
        await run_sync(edit.delete_entity, info.context.store, uid)
        return Done(changed=True)
