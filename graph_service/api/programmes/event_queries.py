"""Query fields for the programmes: the matchmaking event plan."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.programmes.event_types import MatchmakingPlan
from graph_service.ontology import EntityKind
from graph_service.services.programmes.event import plan_event
from graph_service.services.programmes.event_request import MAX_ENTERPRISES, MAX_PARTNERS, MAX_ROUNDS


@strawberry.type
class EventQuery:
    @strawberry.field(
        description="精准对接会：在若干轮一对一会谈中使总匹配分最大的日程（最优，非贪心）/ "
        "A matchmaking event: the one-to-one meetings over the rounds that maximise the total fit (optimal, not greedy)"
    )
    async def plan_matchmaking_event(
        self,
        info: Info,
        enterprises: Annotated[
            list[str],
            strawberry.argument(
                description=f"参会企业标识，最多 {MAX_ENTERPRISES} 家 / "
                f"Uids of the enterprises, at most {MAX_ENTERPRISES}"
            ),
        ],
        rounds: Annotated[
            int, strawberry.argument(description=f"轮次，1 到 {MAX_ROUNDS} / Rounds (time slots), 1 to {MAX_ROUNDS}")
        ],
        partners: Annotated[
            list[str] | None,
            strawberry.argument(
                description=f"对接对象标识，最多 {MAX_PARTNERS} 个；不给则由推荐器为每家企业挑选 / "
                f"Uids of the partners, at most {MAX_PARTNERS}; left out, the recommender picks each enterprise's best"
            ),
        ] = None,
        kinds: Annotated[
            list[EntityKind] | None,
            strawberry.argument(
                description="对接对象的类型（默认科学家、学会、工作站、创投、科服机构、高校院所）/ "
                "Kinds of partner (default: scientists, societies, workstations, investors, agencies, institutions)"
            ),
        ] = None,
        capacity: Annotated[
            int | None,
            strawberry.argument(
                description="每个对接对象最多会谈场次，至少 1（默认每轮一场）/ "
                "Meetings each partner may hold, at least 1 (default: one a round)"
            ),
        ] = None,
        per_enterprise: Annotated[
            int | None,
            strawberry.argument(
                description="每家企业最多会谈场次，至少 1（默认每轮一场）/ "
                "Meetings each enterprise may hold, at least 1 (default: one a round)"
            ),
        ] = None,
    ) -> MatchmakingPlan:
        plan = await run_sync(
            plan_event,
            info.context.store,
            enterprises,
            partners=partners,
            kinds=kinds,
            rounds=rounds,
            capacity=capacity,
            per_enterprise=per_enterprise,
        )
        return MatchmakingPlan.from_domain(plan)
