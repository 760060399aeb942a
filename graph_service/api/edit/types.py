"""Inputs and results of the edit mutations; expected failures are schema types."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from graph_service.api.explore.types import EntityInterface
from graph_service.errors import InvalidInputError
from graph_service.ontology import EntityKind, RelationType


@strawberry.input(description="实体数据 / An entity to create or update")
class EntityInput:
    kind: EntityKind = strawberry.field(description="实体类型 / Kind")
    uid: str = strawberry.field(description="唯一标识 / Uid")
    name: str | None = strawberry.field(default=None, description="名称 / Name (required when creating)")
    properties: JSON | None = strawberry.field(
        default=None, description='其他属性，键为属性名 / Other properties by name (e.g. {"region": "成都市"})'
    )


@strawberry.input(description="关系 / A relationship")
class LinkInput:
    type: RelationType = strawberry.field(description="关系类型 / Relationship type")
    source: str = strawberry.field(description="起点标识 / Source uid")
    target: str = strawberry.field(description="终点标识 / Target uid")
    properties: JSON | None = strawberry.field(default=None, description="关系属性 / Relationship properties")


@strawberry.type(description="一个字段的问题 / A problem with one field")
class FieldError:
    field: str = strawberry.field(description="字段 / Field")
    message: str = strawberry.field(description="说明 / What is wrong")


@strawberry.type(description="输入无效，未写入任何数据 / The input was rejected; nothing was written")
class InvalidInput:
    code: str = strawberry.field(description="机器可读代码 / Machine-readable code")
    message: str = strawberry.field(description="说明 / Message")
    problems: list[FieldError] = strawberry.field(description="逐字段问题 / Problems field by field")

    @classmethod
    def from_error(cls, error: InvalidInputError) -> InvalidInput:
        problems = [FieldError(field=p.field, message=p.message) for p in error.problems]
        return cls(code=error.code, message=str(error), problems=problems)


@strawberry.type(
    description="目标实体不存在，未写入任何数据 / The entity the edit is about does not exist; nothing was written"
)
class NotFound:
    code: str = strawberry.field(description="机器可读代码（NOT_FOUND）/ Machine-readable code (NOT_FOUND)")
    message: str = strawberry.field(description="说明 / Message")
    uid: str = strawberry.field(description="未找到的标识 / The uid nothing answers to")


@strawberry.type(description="已写入的实体 / The entity as written")
class EntityPayload:
    entity: EntityInterface = strawberry.field(description="实体 / Entity")


@strawberry.type(description="操作成功 / The edit succeeded")
class Done:
    changed: bool = strawberry.field(description="是否有数据被改变 / Whether anything changed")


UpsertEntityResult = Annotated[
    EntityPayload | InvalidInput,
    strawberry.union("UpsertEntityResult", description="写入的实体或输入问题 / The entity written, or what was wrong"),
]
EditResult = Annotated[
    Done | InvalidInput | NotFound,
    strawberry.union(
        "EditResult",
        description="成功、输入问题或目标不存在 / Success, what was wrong, or a target that does not exist",
    ),
]
