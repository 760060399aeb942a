"""GraphQL entity types, derived from the ontology: one ``Entity`` interface, one type per kind.

Each kind's type has the kind's own properties as fields and one connection per link of
``ontology.navigation``. Personal contact properties are not fields of their own: they
come together as ``contact``, which the service layer gives only to the roles allowed.
"""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from graph_service.api.graphql.context import Info
from graph_service.api.graphql.cursors import decode_cursor, encode_cursor, encode_key_cursor
from graph_service.api.graphql.loaders import link_index
from graph_service.domain.entities import Entity as DomainEntity
from graph_service.domain.entities import Page
from graph_service.ontology import KIND_SPECS, EntityKind, PropertySpec, PropertyType, RelationType
from graph_service.ontology.navigation import Link, links_of
from graph_service.services.explore.contact import contact_details

# Registers the ontology's enums with the schema; the classes themselves stay the ontology's.
strawberry.enum(EntityKind, name="EntityKind", description="实体类型 / Kind of entity")
strawberry.enum(RelationType, name="RelationType", description="关系类型 / Relationship type")

DEFAULT_PAGE = 20


@strawberry.type(description="联系方式 / Contact details")
class Contact:
    phone: str | None = strawberry.field(description="电话 / Phone")
    email: str | None = strawberry.field(description="电子邮箱 / E-mail")


@strawberry.interface(name="Entity", description="生态中的一个实体 / An entity of the ecosystem")
class EntityInterface:
    uid: str = strawberry.field(description="唯一标识 / Stable unique id")
    kind: EntityKind = strawberry.field(description="实体类型 / Kind")
    name: str = strawberry.field(description="名称（中文）/ Name (Chinese)")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    region: str | None = strawberry.field(description="所属地区 / Region")
    aliases: list[str] = strawberry.field(description="别名 / Aliases")
    tags: list[str] = strawberry.field(description="标签 / Tags")
    description: str | None = strawberry.field(description="简介 / Description")
    source: str | None = strawberry.field(description="数据来源 / Where the record comes from")
    synthetic: bool = strawberry.field(description="是否为合成数据 / True for generated records")
    updated_at: str | None = strawberry.field(description="最后更新时间 / Last changed (ISO 8601)")
    properties: strawberry.Private[dict[str, Any]]

    @strawberry.field(
        description="联系方式，仅管理员与生态伙伴经理可查看 / Contact details: admin and manager roles only"
    )
    def contact(self) -> Contact | None:
        details = contact_details(self.kind, self.properties)
        return Contact(phone=details.get("phone"), email=details.get("email")) if details else None


@strawberry.type(description="分页信息 / Relay page info")
class PageInfo:
    has_next_page: bool = strawberry.field(description="是否还有下一页 / Whether more items follow")
    end_cursor: str | None = strawberry.field(description="本页最后一项的游标 / Cursor of the last item")


@strawberry.type(
    description="关系连接中的一条边，带关系属性 / An edge of a relationship connection, with its properties"
)
class RelationshipEdge:
    cursor: str = strawberry.field(description="游标 / Cursor")
    node: EntityInterface = strawberry.field(description="相邻实体 / The neighbour")
    relation: RelationType = strawberry.field(description="关系类型 / Relationship type")
    outgoing: bool = strawberry.field(description="关系是否由本实体发出 / True when the relationship starts here")
    properties: JSON = strawberry.field(description="关系属性 / Relationship properties (year, role, amount…)")


@strawberry.type(description="关系的分页连接 / A Relay connection along one relationship")
class RelationshipConnection:
    edges: list[RelationshipEdge] = strawberry.field(description="边 / Edges")
    page_info: PageInfo = strawberry.field(description="分页信息 / Page info")
    parent: strawberry.Private[str]
    link: strawberry.Private[int]

    @strawberry.field(description="总数 / Total number of neighbours along this relationship")
    async def total_count(self, info: Info) -> int:
        return await info.context.loaders.link_count.load((self.link, self.parent))


@strawberry.type(description="实体连接中的一条边 / An edge of an entity connection")
class EntityEdge:
    cursor: str = strawberry.field(description="游标 / Cursor")
    node: EntityInterface = strawberry.field(description="实体 / The entity")


@strawberry.type(description="实体的分页连接 / A Relay connection of entities")
class EntityConnection:
    edges: list[EntityEdge] = strawberry.field(description="边 / Edges")
    page_info: PageInfo = strawberry.field(description="分页信息 / Page info")
    counted: strawberry.Private[int | None]

    @strawberry.field(description="总数 / Total count")
    def total_count(self) -> int:
        if self.counted is None:  # the resolver counts whenever totalCount is selected
            raise RuntimeError("totalCount was not counted")
        return self.counted

    @classmethod
    def from_page(cls, page: Page) -> EntityConnection:
        edges = [EntityEdge(cursor=encode_cursor(e.uid), node=entity_from_domain(e)) for e in page.items]
        end = encode_key_cursor(*page.end_cursor) if page.end_cursor else None
        if edges and end:
            edges[-1].cursor = end
        return cls(edges=edges, page_info=PageInfo(has_next_page=page.has_next, end_cursor=end), counted=page.total)


_PYTHON_TYPES: dict[PropertyType, Any] = {
    PropertyType.STRING: str | None,
    PropertyType.INTEGER: int | None,
    PropertyType.FLOAT: float | None,
    PropertyType.BOOLEAN: bool | None,
    PropertyType.STRING_LIST: list[str] | None,
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _property_field(spec: PropertySpec) -> Any:
    def resolve(root: EntityInterface) -> Any:
        return root.properties.get(spec.name)

    resolve.__annotations__ = {"root": EntityInterface, "return": _PYTHON_TYPES[spec.type]}
    return strawberry.field(resolver=resolve, description=f"{spec.zh} / {spec.en}")


def _link_field(link: Link) -> Any:
    index = link_index(link)

    async def resolve(
        root: EntityInterface, info: Info, first: int = DEFAULT_PAGE, after: str | None = None
    ) -> RelationshipConnection:
        page = await info.context.loaders.link_page.load((index, root.uid, first, decode_cursor(after)))
        edges = [
            RelationshipEdge(
                cursor=encode_cursor(item.node.uid),
                node=entity_from_domain(item.node),
                relation=link.rel,
                outgoing=item.outgoing,
                properties=cast(JSON, item.properties),
            )
            for item in page.items
        ]
        end = edges[-1].cursor if edges else None
        return RelationshipConnection(
            edges=edges, page_info=PageInfo(has_next_page=page.has_next, end_cursor=end), parent=root.uid, link=index
        )

    return strawberry.field(resolver=resolve, description=f"{link.zh} / {link.en}（{link.rel.value}）")


_COMMON = {"uid", "name", "name_en", "aliases", "region", "tags", "description", "source", "synthetic"}


def _kind_type(kind: EntityKind) -> type[EntityInterface]:
    spec = KIND_SPECS[kind]
    namespace: dict[str, Any] = {}
    for prop in spec.properties:
        if prop.personal or prop.name in _COMMON:
            continue
        namespace[_camel(prop.name)] = _property_field(prop)
    for link in links_of(kind):
        namespace[link.field] = _link_field(link)
    cls = type(kind.value, (EntityInterface,), namespace)
    description = f"{spec.zh}：{spec.description_zh} / {spec.en}: {spec.description_en}"
    return cast(type[EntityInterface], strawberry.type(cls, name=kind.value, description=description))


KIND_TYPES: dict[EntityKind, type[EntityInterface]] = {kind: _kind_type(kind) for kind in EntityKind}


def entity_from_domain(entity: DomainEntity) -> EntityInterface:
    """The GraphQL object of the entity's kind."""
    props = entity.properties
    return KIND_TYPES[entity.kind](
        uid=entity.uid,
        kind=entity.kind,
        name=entity.name,
        name_en=props.get("name_en"),
        region=props.get("region"),
        aliases=list(props.get("aliases") or []),
        tags=list(props.get("tags") or []),
        description=props.get("description"),
        source=props.get("source"),
        synthetic=bool(props.get("synthetic", False)),
        updated_at=entity.updated_at,
        properties=props,
    )
