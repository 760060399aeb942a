"""Query field for the talent map."""

from __future__ import annotations

import functools
from typing import Annotated

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.programmes.talent_types import TalentMapType
from graph_service.services.programmes.talent_map import DEFAULT_TOP, talent_map


@strawberry.type
class TalentQuery:
    @strawberry.field(
        description="产业人才图谱：各环节所需领域的人才在本地区与区外的分布、区外最集中与最近之地、"
        "可招引的机构与学会 / "
        "An industry chain's talent map: per segment, the talent its fields call for, in the region and outside, "
        "where it concentrates outside and which institutions and societies to recruit from"
    )
    async def talent_map(
        self,
        info: Info,
        chain: Annotated[str, strawberry.argument(description="产业链标识 / Chain uid")],
        region: Annotated[
            str | None,
            strawberry.argument(description="本地区（默认产业链所在城市）/ Home region (default: the chain's city)"),
        ] = None,
        top: Annotated[
            int,
            strawberry.argument(description="每类列出的区外之地与机构数（1–20）/ Places and sources listed, 1 to 20"),
        ] = DEFAULT_TOP,
    ) -> TalentMapType:
        found = await run_sync(functools.partial(talent_map, top=top), info.context.store, chain, region)
        return TalentMapType.from_domain(found)
