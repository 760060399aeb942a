"""Query fields for recommendations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.match.types import (
    NeedInput,
    NeedUnderstanding,
    PartnerRecommendation,
    TeamRecommendation,
    WeightsInput,
)
from graph_service.ontology import EntityKind
from graph_service.services.match.recommend import recommend_partners, understand_need
from graph_service.services.match.team import recommend_team


@strawberry.type
class MatchQuery:
    @strawberry.field(
        description="为实体推荐合作伙伴，附评分、理由与证据 / Partners for an entity, scored, explained and evidenced"
    )
    async def recommend_partners(
        self,
        info: Info,
        for_: Annotated[str, strawberry.argument(name="for", description="为谁推荐 / Uid of the asking entity")],
        kinds: list[EntityKind] | None = None,
        need: NeedInput | None = None,
        region: str | None = None,
        first: int = 10,
        weights: WeightsInput | None = None,
        include_existing: bool = False,
    ) -> list[PartnerRecommendation]:
        recs = await run_sync(
            recommend_partners,
            info.context.store,
            for_,
            kinds=kinds,
            need=need.to_domain() if need else None,
            region=region,
            first=first,
            weights=weights.to_domain() if weights else None,
            include_existing=include_existing,
        )
        return [PartnerRecommendation.from_domain(r) for r in recs]

    @strawberry.field(
        description="推荐“科学家+科服机构+创投家”四方团队 / The four-party team: scientist, service agency, investor"
    )
    async def recommend_team(
        self,
        info: Info,
        for_: Annotated[str, strawberry.argument(name="for", description="为谁推荐 / Uid of the asking enterprise")],
        need: NeedInput | None = None,
        region: str | None = None,
        weights: WeightsInput | None = None,
        first: int = 3,
    ) -> list[TeamRecommendation]:
        teams = await run_sync(
            recommend_team,
            info.context.store,
            for_,
            need=need.to_domain() if need else None,
            region=region,
            weights=weights.to_domain() if weights else None,
            first=first,
        )
        return [TeamRecommendation.from_domain(t) for t in teams]

    @strawberry.field(
        description="用日常中文（或英文）描述技术需求，看它被理解为哪些领域、哪些词未被理解 / "
        "How a need in everyday words is understood: the fields it names and the words that led nowhere"
    )
    async def understand_need(
        self,
        info: Info,
        text: Annotated[
            str, strawberry.argument(description="需求描述（最多 500 字）/ The need, up to 500 characters")
        ],
    ) -> NeedUnderstanding:
        reading = await run_sync(understand_need, info.context.store, text)
        return NeedUnderstanding.from_domain(reading)
