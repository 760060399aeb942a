"""Query fields of the workflow: needs, the queue, introductions, the viewer, the audit log, the changes feed."""

from __future__ import annotations

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.graphql.cursors import decode_cursor
from graph_service.api.http.threads import run_sync
from graph_service.api.workflow.changes import ChangeFeed
from graph_service.api.workflow.types import (
    AuditConnection,
    Introduction,
    IntroductionConnection,
    TechNeed,
    TechNeedConnection,
)
from graph_service.api.workflow.viewer import Viewer
from graph_service.domain import workflow as wf
from graph_service.services.access.principal import current
from graph_service.services.workflow.audit import audit_log
from graph_service.services.workflow.events import changes
from graph_service.services.workflow.introductions import get_introduction, list_introductions
from graph_service.services.workflow.needs import get_need, list_needs
from graph_service.services.workflow.queue import need_queue


@strawberry.type
class WorkflowQuery:
    @strawberry.field(
        description="一条技术需求；不存在或无权查看时为空 / A technology need; null when missing or not yours to see"
    )
    async def tech_need(self, info: Info, id: str) -> TechNeed | None:
        found = await run_sync(get_need, info.context.store, id)
        return TechNeed.from_domain(found) if found else None

    @strawberry.field(description="可查看的技术需求，新的在前；企业只见自己的 / Needs you may see, newest first")
    async def tech_needs(
        self,
        info: Info,
        enterprise: str | None = None,
        status: list[wf.NeedStatus] | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> TechNeedConnection:
        page = await run_sync(
            list_needs,
            info.context.store,
            enterprise=enterprise,
            statuses=status,
            first=first,
            after=decode_cursor(after),
        )
        return TechNeedConnection.from_page(page)

    @strawberry.field(
        description="经理的待对接队列：按地区与产业链筛选的待对接需求 / "
        "The managers' queue: open needs by region (and the places within it) and by industry chain"
    )
    async def need_queue(
        self,
        info: Info,
        region: str | None = None,
        chain: str | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> TechNeedConnection:
        page = await run_sync(
            need_queue, info.context.store, region=region, chain=chain, first=first, after=decode_cursor(after)
        )
        return TechNeedConnection.from_page(page)

    @strawberry.field(
        description="一次对接引荐；不存在或无权查看时为空 / An introduction; null when missing or not yours to see"
    )
    async def introduction(self, info: Info, id: str) -> Introduction | None:
        found = await run_sync(get_introduction, info.context.store, id)
        return Introduction.from_domain(found) if found else None

    @strawberry.field(
        description="可查看的对接引荐，新的在前；企业只见自己的 / Introductions you may see, newest first"
    )
    async def introductions(
        self,
        info: Info,
        need: str | None = None,
        enterprise: str | None = None,
        partner: str | None = None,
        status: list[wf.IntroductionStatus] | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> IntroductionConnection:
        page = await run_sync(
            list_introductions,
            info.context.store,
            need=need,
            enterprise=enterprise,
            partner=partner,
            statuses=status,
            first=first,
            after=decode_cursor(after),
        )
        return IntroductionConnection.from_page(page)

    @strawberry.field(
        description="调用者的角色与可做之事（无需权限）/ The caller's role and what it may do (anyone may ask)"
    )
    def viewer(self) -> Viewer:
        return Viewer.of(current())

    @strawberry.field(description="审计日志，新的在前，仅管理员 / The audit log, newest first; admins only")
    async def audit_log(
        self, info: Info, record: str | None = None, first: int = 20, after: str | None = None
    ) -> AuditConnection:
        page = await run_sync(audit_log, info.context.store, record=record, first=first, after=decode_cursor(after))
        return AuditConnection.from_page(page)

    @strawberry.field(
        description="变更事件（新候选、状态变更），旧的在前；把返回的 cursor 作为 since 传回即得新事件 / "
        "Change events (new candidates, status changes) you may see, oldest first after since; "
        "pass the cursor back as since to get only newer ones"
    )
    async def changes(self, info: Info, since: str | None = None, first: int = 50) -> ChangeFeed:
        page = await run_sync(changes, info.context.store, since=decode_cursor(since), first=first)
        return ChangeFeed.from_page(page)
