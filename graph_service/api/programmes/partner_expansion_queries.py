"""Query field for growing a partner programme (生态伙伴扩容)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.programmes.partner_expansion_types import ProgrammeExpansionType
from graph_service.services.programmes.partner_expansion import MAX_COUNT, expand_partner_programme


@strawberry.type
class PartnerExpansionQuery:
    @strawberry.field(
        description="生态伙伴扩容：吸纳哪些单位能覆盖现有伙伴未覆盖的最多产业链环节、技术领域与地区"
        "（贪心，显示边际收益）/ "
        "The organisations whose joining reaches the most chain segments, fields and districts the programme's "
        "partners do not (greedy, with each pick's marginal gain)"
    )
    async def expand_partner_programme(
        self,
        info: Info,
        programme: Annotated[str, strawberry.argument(description="计划标识 / Programme uid")],
        count: Annotated[int, strawberry.argument(description=f"吸纳数（1–{MAX_COUNT}）/ How many, 1 to {MAX_COUNT}")],
        region: Annotated[
            str | None, strawberry.argument(description="只从该地区（含下辖）选 / Only from this region")
        ] = None,
    ) -> ProgrammeExpansionType:
        plan = await run_sync(expand_partner_programme, info.context.store, programme, count, region)
        return ProgrammeExpansionType.from_domain(plan)
