"""Query field for expert service teams (科技专家服务团)."""

from __future__ import annotations

import functools
from typing import Annotated

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.programmes.service_team_types import ServiceTeamType
from graph_service.ontology import EntityKind
from graph_service.services.programmes.service_team import MAX_TEAM, form_service_team


@strawberry.type
class ServiceTeamQuery:
    @strawberry.field(
        description="组建科技专家服务团：覆盖地区、园区或产业链企业需求最多的专家（贪心最大覆盖，保证 1−1/e）/ "
        "An expert service team meeting the most needs of a district's, park's or chain's enterprises "
        "(greedy maximum coverage, within 1 − 1/e of the best)"
    )
    async def form_service_team(
        self,
        info: Info,
        size: Annotated[int, strawberry.argument(description=f"团队人数（1–{MAX_TEAM}）/ Team size, 1 to {MAX_TEAM}")],
        region: Annotated[
            str | None, strawberry.argument(description="区县（含下辖地区）/ A district, with those within it")
        ] = None,
        park: Annotated[str | None, strawberry.argument(description="园区标识 / Park uid")] = None,
        chain: Annotated[str | None, strawberry.argument(description="产业链标识 / Industry chain uid")] = None,
        kinds: Annotated[
            list[EntityKind] | None,
            strawberry.argument(description="成员类型，默认科学家 / Kinds of member, scientists by default"),
        ] = None,
        exclude: Annotated[
            list[str] | None, strawberry.argument(description="不得入选的标识 / Uids never chosen")
        ] = None,
        must_include: Annotated[
            list[str] | None, strawberry.argument(description="必选成员，先入选 / Uids chosen first")
        ] = None,
    ) -> ServiceTeamType:
        team = await run_sync(
            functools.partial(
                form_service_team,
                size=size,
                region=region,
                park=park,
                chain=chain,
                kinds=kinds,
                exclude=exclude,
                must_include=must_include,
            ),
            info.context.store,
        )
        return ServiceTeamType.from_domain(team)
