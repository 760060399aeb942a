"""Filter and order inputs for listing entities."""

from __future__ import annotations

import strawberry

from graph_service.services.explore.entities import EntityFilter, EntityOrder

strawberry.enum(
    EntityOrder,
    name="EntityOrder",
    description="排序：标识、名称或最近更新 / Order: by uid, by name, or most recently updated first",
)


@strawberry.input(description="实体筛选条件，空表示不限 / Which entities to list; empty means any")
class EntityWhere:
    region: str | None = strawberry.field(default=None, description="地区（含下级地区）/ Region, sub-regions included")
    field: str | None = strawberry.field(
        default=None,
        description="从事的技术领域标识（含下位领域）/ Field uid it works in, narrower fields included",
    )
    needs: str | None = strawberry.field(
        default=None,
        description="需求的技术领域标识（含下位领域），用于找有此需求的企业 / Field uid it needs (an "
        "enterprise's stated demand), narrower fields included",
    )
    flags: list[str] | None = strawberry.field(
        default=None, description="须为真的标志，如 specialised、chainLeader / Flags that must be true"
    )
    text: str | None = strawberry.field(default=None, description="名称包含的文字 / Text the name contains")
    synthetic: bool | None = strawberry.field(default=None, description="是否合成数据 / Synthetic records or not")

    def to_domain(self) -> EntityFilter:
        flags = [_snake(flag) for flag in self.flags or []]
        return EntityFilter(self.region, self.field, flags, self.text or "", self.synthetic, self.needs)


def _snake(name: str) -> str:
    """GraphQL field names are camelCase; the ontology's are snake_case.

    >>> _snake("chainLeader")
    'chain_leader'
    """
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
