"""Query fields for exploring: entities, search, neighbourhoods, paths, statistics."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.explore.filters import EntityWhere
from graph_service.api.explore.graph_types import GraphView, Path, SearchResult, Stats
from graph_service.api.explore.types import EntityConnection, EntityInterface, entity_from_domain
from graph_service.api.graphql.context import Info
from graph_service.api.graphql.cursors import decode_key_cursor
from graph_service.api.graphql.selection import selects
from graph_service.api.http.threads import run_sync
from graph_service.ontology import EntityKind, RelationType
from graph_service.services import stats as stats_service
from graph_service.services.explore import entities, neighborhood, paths, search
from graph_service.services.explore.entities import EntityOrder


@strawberry.type
class ExploreQuery:
    @strawberry.field(description="按唯一标识查询实体；不存在时为 null / One entity by uid, or null")
    async def entity(self, info: Info, uid: str) -> EntityInterface | None:
        found = await info.context.loaders.entity.load(uid)
        return entity_from_domain(found) if found else None

    @strawberry.field(
        description="按类型分页列出实体，可筛选和排序 / Entities of one kind, filtered and ordered, a page at a time"
    )
    async def entities(
        self,
        info: Info,
        kind: EntityKind,
        where: EntityWhere | None = None,
        order_by: EntityOrder = EntityOrder.UID,
        first: int = 20,
        after: str | None = None,
    ) -> EntityConnection:
        page = await run_sync(
            entities.list_entities,
            info.context.store,
            kind,
            where=where.to_domain() if where else None,
            order=order_by,
            first=first,
            after=decode_key_cursor(after),
            count=selects(info, "totalCount"),
        )
        return EntityConnection.from_page(page)

    @strawberry.field(
        description="按名称、别名或英文名的任意两个字检索，按相关度排序 / Search names, aliases and English names "
        "by any two-character fragment, best first"
    )
    async def search(
        self, info: Info, text: str, kinds: list[EntityKind] | None = None, first: int = 10
    ) -> list[SearchResult]:
        hits = await run_sync(search.search, info.context.store, text, kinds=kinds, first=first)
        return [SearchResult.from_domain(hit) for hit in hits]

    @strawberry.field(description="实体周边子图（深度不超过 3）/ The neighbourhood of an entity, up to 3 hops")
    async def neighborhood(
        self,
        info: Info,
        uid: str,
        depth: int = 1,
        rel_types: list[RelationType] | None = None,
        kinds: list[EntityKind] | None = None,
        limit: int = 100,
    ) -> GraphView:
        graph = await run_sync(
            neighborhood.neighborhood,
            info.context.store,
            uid,
            depth=depth,
            rel_types=rel_types,
            kinds=kinds,
            limit=limit,
        )
        return GraphView.from_domain(graph)

    @strawberry.field(
        description="两个实体之间最短及次短的引荐路径 / Shortest and next-shortest warm-introduction paths"
    )
    async def paths(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from", description="起点标识 / Source uid")],
        to: Annotated[str, strawberry.argument(description="终点标识 / Target uid")],
        max_hops: int = 4,
        rel_types: list[RelationType] | None = None,
        first: int = 3,
    ) -> list[Path]:
        found = await run_sync(
            paths.find_paths, info.context.store, from_, to, max_hops=max_hops, rel_types=rel_types, first=first
        )
        return [Path.from_domain(p) for p in found]

    @strawberry.field(description="按类型、关系和地区统计 / Counts by kind, relationship type and region")
    async def stats(self, info: Info, region: str | None = None) -> Stats:
        return Stats.from_domain(await run_sync(stats_service.graph_stats, info.context.store, region))
