"""Mutations of the workflow: post, edit and move needs, propose and advance introductions.

As in the edits, a rejected input or a missing record is raised as the services raise it
and becomes the result's ``InvalidInput`` or ``NotFound`` (``api/edit/handlers.py``); a
caller without the right gets a ``FORBIDDEN`` error.
"""

from __future__ import annotations

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.workflow.inputs import (
    AdvanceIntroductionInput,
    ExpiredTechNeeds,
    IntroductionPayload,
    IntroductionResult,
    ProposeIntroductionInput,
    TechNeedEditInput,
    TechNeedInput,
    TechNeedPayload,
    TechNeedResult,
)
from graph_service.api.workflow.types import Introduction, TechNeed
from graph_service.domain import workflow as wf
from graph_service.services.workflow import introductions, need_edits, needs


@strawberry.type
class WorkflowMutation:
    @strawberry.mutation(description="发布技术需求 / Post a technology need")
    async def post_tech_need(self, info: Info, input: TechNeedInput) -> TechNeedResult | None:
        need = await run_sync(needs.post_need, info.context.store, input.to_draft())
        return TechNeedPayload(need=TechNeed.from_domain(need))

    @strawberry.mutation(
        description="修改待对接或对接中的技术需求（企业改本企业的）；无改动则不写入 / "
        "Edit an open or docking need (an enterprise its own); an edit that changes nothing writes nothing"
    )
    async def edit_tech_need(
        self, info: Info, id: str, input: TechNeedEditInput, note: str = ""
    ) -> TechNeedResult | None:
        need = await run_sync(need_edits.edit_need, info.context.store, id, input.to_edit(), note=note)
        return TechNeedPayload(need=TechNeed.from_domain(need))

    @strawberry.mutation(
        description="变更技术需求状态；改为现有状态不作改动 / Move a need; to the status it has changes nothing"
    )
    async def change_tech_need_status(
        self, info: Info, id: str, to: wf.NeedStatus, note: str = ""
    ) -> TechNeedResult | None:
        need = await run_sync(needs.change_need_status, info.context.store, id, to, note=note)
        return TechNeedPayload(need=TechNeed.from_domain(need))

    @strawberry.mutation(
        description="将已过截止日期的需求标为过期 / Expire the open and docking needs whose deadline has passed"
    )
    async def expire_overdue_tech_needs(self, info: Info) -> ExpiredTechNeeds | None:
        expired = await run_sync(needs.expire_overdue, info.context.store)
        return ExpiredTechNeeds(needs=[TechNeed.from_domain(n) for n in expired])

    @strawberry.mutation(description="提出对接引荐 / Propose an introduction")
    async def propose_introduction(self, info: Info, input: ProposeIntroductionInput) -> IntroductionResult | None:
        intro = await run_sync(introductions.propose_introduction, info.context.store, input.to_domain())
        return IntroductionPayload(introduction=Introduction.from_domain(intro))

    @strawberry.mutation(
        description="推进对接引荐；重复发送不作改动 / Move an introduction one step; a re-sent request changes nothing"
    )
    async def advance_introduction(self, info: Info, input: AdvanceIntroductionInput) -> IntroductionResult | None:
        intro = await run_sync(
            introductions.advance_introduction,
            info.context.store,
            input.id,
            input.to,
            note=input.note,
            decline=input.decline.to_domain() if input.decline else None,
            agreement_kind=input.agreement,
        )
        return IntroductionPayload(introduction=Introduction.from_domain(intro))
