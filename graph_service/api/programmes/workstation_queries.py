"""Query field for the workstation review."""

from __future__ import annotations

import functools
from typing import Annotated

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.programmes.workstation_types import WorkstationReviewType
from graph_service.services.programmes.workstation_review import (
    DEFAULT_CANDIDATES,
    DEFAULT_FIRST,
    RENEW_SCORE,
    review_workstations,
)


@strawberry.type
class WorkstationQuery:
    @strawberry.field(
        description="工作站评估（准入退出）：各院士（专家）工作站的进站专家、与依托单位合作、在站研发与转化成果、"
        f"依托单位的产业链角色，按活跃度排序并给出续设（≥{RENEW_SCORE}）/观察/考虑退出的结论与理由；以及可新设工作站的"
        "候选依托单位 / Workstations reviewed for entry and exit: experts, collaborations with the host, achievements "
        f"developed and transferred, the host's chain roles; ranked by activity with a verdict (renew at {RENEW_SCORE} "
        "or more, watch, consider closing) and reasons; and candidate hosts for new stations"
    )
    async def review_workstations(
        self,
        info: Info,
        region: Annotated[str | None, strawberry.argument(description="地区 / Region")] = None,
        since: Annotated[
            int | None,
            strawberry.argument(description="只计该年份以来的合作、研发与转化 / Count activity from this year on"),
        ] = None,
        first: Annotated[
            int, strawberry.argument(description="列出的工作站数（1–500）/ Stations listed")
        ] = DEFAULT_FIRST,
        candidates: Annotated[
            int, strawberry.argument(description="列出的候选依托单位数（0–100）/ Candidate hosts listed")
        ] = DEFAULT_CANDIDATES,
    ) -> WorkstationReviewType:
        review = await run_sync(
            functools.partial(review_workstations, first=first, candidates=candidates),
            info.context.store,
            region,
            since,
        )
        return WorkstationReviewType.from_domain(review)
