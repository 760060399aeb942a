"""GraphQL types of the workflow, built from its domain records at one seam (``from_domain``).

Every field that reaches further (the need of an introduction, a need's introductions, the
partner's contact details, the best candidates) asks the services again, so what a caller
sees is decided there, whichever path, alias or fragment the document takes.
"""

from __future__ import annotations

from typing import Any

import strawberry

from graph_service.api.explore.types import Contact, EntityInterface, PageInfo, entity_from_domain
from graph_service.api.graphql.context import Info
from graph_service.api.graphql.cursors import decode_cursor, encode_cursor
from graph_service.api.http.threads import run_sync
from graph_service.api.match.types import PartnerRecommendation
from graph_service.domain import workflow as wf
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.workflow.contact import partner_contact
from graph_service.services.workflow.introductions import list_introductions
from graph_service.services.workflow.queue import best_candidates

# The domain's vocabularies, declared to GraphQL where the API meets them.
strawberry.enum(wf.NeedStatus, name="NeedStatus", description="技术需求状态 / Status of a technology need")
strawberry.enum(
    wf.IntroductionStatus, name="IntroductionStatus", description="对接引荐状态 / Status of an introduction"
)
strawberry.enum(wf.Confidentiality, name="Confidentiality", description="需求保密级别 / Who may read a need")
strawberry.enum(
    wf.IntroductionSource, name="IntroductionSource", description="引荐来源 / Where an introduction came from"
)
strawberry.enum(wf.DeclineReason, name="DeclineReason", description="婉拒原因 / Why an introduction was declined")
strawberry.enum(wf.DeclineSide, name="DeclineSide", description="婉拒方 / Who declined")
strawberry.enum(wf.AgreementKind, name="AgreementKind", description="合作方式 / What an agreement becomes in the graph")


@strawberry.type(description="一次状态变更 / One step of a record's history")
class StatusChange:
    from_status: str = strawberry.field(description="原状态（新建时为空）/ Status before (empty when created)")
    to_status: str = strawberry.field(description="新状态 / Status after")
    at: str = strawberry.field(description="时间（UTC，ISO 8601）/ When (UTC, ISO 8601)")
    by: str = strawberry.field(description="操作者 / Who made the change")
    note: str = strawberry.field(description="备注 / Note")

    @classmethod
    def from_domain(cls, change: wf.StatusChange) -> StatusChange:
        return cls(
            from_status=change.from_status, to_status=change.to_status, at=change.at, by=change.by, note=change.note
        )


@strawberry.type(description="企业的技术需求 / A technology need an enterprise posted")
class TechNeed:
    id: str = strawberry.field(description="需求标识（need:…）/ Id (need:…)")
    enterprise_uid: str = strawberry.field(description="发布企业的标识 / Uid of the enterprise")
    text: str = strawberry.field(description="需求描述 / What is needed")
    fields: list[str] = strawberry.field(description="技术领域标识 / Uids of the fields it is in")
    budget_min: float | None = strawberry.field(description="预算下限（万元）/ Budget from (10k CNY)")
    budget_max: float | None = strawberry.field(description="预算上限（万元）/ Budget up to (10k CNY)")
    deadline: str | None = strawberry.field(description="截止日期（YYYY-MM-DD）/ Deadline (YYYY-MM-DD)")
    region: str | None = strawberry.field(description="合作方地区偏好 / Where the partner should preferably be")
    enterprise_region: str | None = strawberry.field(description="企业所在地区 / The enterprise's region")
    confidentiality: wf.Confidentiality = strawberry.field(description="保密级别 / Who may read it")
    status: wf.NeedStatus = strawberry.field(description="状态 / Status")
    status_label: str = strawberry.field(description="状态名称（中英）/ The status in both languages")
    created_at: str = strawberry.field(description="发布时间 / Posted at")
    created_by: str = strawberry.field(description="发布者 / Posted by")
    updated_at: str = strawberry.field(description="最后变更时间 / Last changed")
    history: list[StatusChange] = strawberry.field(description="状态历史 / Status history, oldest first")
    domain: strawberry.Private[wf.TechNeed]

    @classmethod
    def from_domain(cls, need: wf.TechNeed) -> TechNeed:
        return cls(
            id=need.id,
            enterprise_uid=need.enterprise,
            text=need.text,
            fields=list(need.fields),
            budget_min=need.budget_min,
            budget_max=need.budget_max,
            deadline=need.deadline,
            region=need.region,
            enterprise_region=need.enterprise_region,
            confidentiality=need.confidentiality,
            status=need.status,
            status_label=wf.label(need.status),
            created_at=need.created_at,
            created_by=need.created_by,
            updated_at=need.updated_at,
            history=[StatusChange.from_domain(s) for s in need.history],
            domain=need,
        )

    @strawberry.field(description="发布企业 / The enterprise")
    async def enterprise(self, info: Info) -> EntityInterface | None:
        found = await info.context.loaders.entity.load(self.enterprise_uid)
        return entity_from_domain(found) if found else None

    @strawberry.field(description="为该需求提出的对接引荐 / Introductions proposed for this need")
    async def introductions(self, info: Info, first: int = 20, after: str | None = None) -> IntroductionConnection:
        page = await run_sync(
            list_introductions, info.context.store, need=self.id, first=first, after=decode_cursor(after)
        )
        return IntroductionConnection.from_page(page)

    @strawberry.field(
        description="推荐系统为该需求给出的最佳候选（仅在选择时计算）/ "
        "The recommender's best candidates for the need (computed only when selected)"
    )
    async def best_candidates(self, info: Info, first: int = 3) -> list[PartnerRecommendation]:
        found = await run_sync(best_candidates, info.context.store, self.domain, first=first)
        return [PartnerRecommendation.from_domain(r) for r in found]


@strawberry.type(description="达成合作后写入图谱的关系 / The relationship an agreement wrote")
class Agreement:
    kind: wf.AgreementKind = strawberry.field(description="合作方式 / What was agreed")
    relation: RelationType = strawberry.field(description="关系类型 / Relationship type")
    source: str = strawberry.field(description="起点标识 / Source uid")
    target: str = strawberry.field(description="终点标识 / Target uid")


@strawberry.type(description="婉拒详情 / Why an introduction was declined")
class Decline:
    reason: wf.DeclineReason = strawberry.field(description="原因 / Reason")
    reason_label: str = strawberry.field(description="原因名称（中英）/ The reason in both languages")
    text: str = strawberry.field(description="补充说明 / In the decliner's words")
    side: wf.DeclineSide | None = strawberry.field(description="婉拒方 / Who declined")


@strawberry.type(description="一次对接引荐 / An introduction a manager brokered")
class Introduction:
    id: str = strawberry.field(description="引荐标识（intro:…）/ Id (intro:…)")
    need_id: str | None = strawberry.field(description="所对接需求的标识 / Id of the need it is for")
    enterprise_uid: str = strawberry.field(description="企业标识 / Uid of the enterprise")
    partner_uid: str = strawberry.field(description="合作方标识 / Uid of the partner")
    partner_kind: EntityKind = strawberry.field(description="合作方类型 / Kind of the partner")
    source: wf.IntroductionSource = strawberry.field(description="来源 / Where it came from")
    programme_uid: str | None = strawberry.field(
        description="所属计划或平台的标识 / Uid of the programme it was brokered under"
    )
    note: str = strawberry.field(description="备注 / Note")
    status: wf.IntroductionStatus = strawberry.field(description="状态 / Status")
    status_label: str = strawberry.field(description="状态名称（中英）/ The status in both languages")
    created_at: str = strawberry.field(description="提出时间 / Proposed at")
    created_by: str = strawberry.field(description="提出者 / Proposed by")
    updated_at: str = strawberry.field(description="最后变更时间 / Last changed")
    history: list[StatusChange] = strawberry.field(description="每一步的时间与操作者 / Each step, dated, by whom")
    decline: Decline | None = strawberry.field(description="婉拒详情 / Why it was declined")
    agreement: Agreement | None = strawberry.field(description="写入图谱的关系 / The relationship it became")
    domain: strawberry.Private[wf.Introduction]

    @classmethod
    def from_domain(cls, intro: wf.Introduction) -> Introduction:
        decline = None
        if intro.decline is not None:
            d = intro.decline
            decline = Decline(reason=d.reason, reason_label=wf.label(d.reason), text=d.text, side=d.side)
        agreement = None
        if intro.agreement is not None:
            a = intro.agreement
            agreement = Agreement(kind=a.kind, relation=RelationType(a.type), source=a.source, target=a.target)
        return cls(
            id=intro.id,
            need_id=intro.need,
            enterprise_uid=intro.enterprise,
            partner_uid=intro.partner,
            partner_kind=EntityKind(intro.partner_kind),
            source=intro.source,
            programme_uid=intro.programme,
            note=intro.note,
            status=intro.status,
            status_label=wf.label(intro.status),
            created_at=intro.created_at,
            created_by=intro.created_by,
            updated_at=intro.updated_at,
            history=[StatusChange.from_domain(s) for s in intro.history],
            decline=decline,
            agreement=agreement,
            domain=intro,
        )

    @strawberry.field(description="所对接的需求 / The need it is for")
    async def need(self, info: Info) -> TechNeed | None:
        if self.need_id is None:
            return None
        found = await info.context.loaders.need.load(self.need_id)
        return TechNeed.from_domain(found) if found else None

    @strawberry.field(description="企业 / The enterprise")
    async def enterprise(self, info: Info) -> EntityInterface | None:
        found = await info.context.loaders.entity.load(self.enterprise_uid)
        return entity_from_domain(found) if found else None

    @strawberry.field(description="合作方（公开信息）/ The partner (public fields)")
    async def partner(self, info: Info) -> EntityInterface | None:
        found = await info.context.loaders.entity.load(self.partner_uid)
        return entity_from_domain(found) if found else None

    @strawberry.field(
        description="合作方联系方式：经理与管理员可见；企业在达成合作后可见 / "
        "The partner's contact details: for managers and admins, and for the enterprise once agreed"
    )
    async def partner_contact(self, info: Info) -> Contact | None:
        details = await run_sync(partner_contact, info.context.store, self.domain)
        return Contact(phone=details.get("phone"), email=details.get("email")) if details else None


@strawberry.type(description="技术需求连接中的一条边 / An edge of a need connection")
class TechNeedEdge:
    cursor: str = strawberry.field(description="游标 / Cursor")
    node: TechNeed = strawberry.field(description="需求 / The need")


@strawberry.type(description="技术需求的分页连接，新的在前 / A page of needs, newest first")
class TechNeedConnection:
    edges: list[TechNeedEdge] = strawberry.field(description="边 / Edges")
    page_info: PageInfo = strawberry.field(description="分页信息 / Page info")

    @classmethod
    def from_page(cls, page: wf.RecordPage[wf.TechNeed]) -> TechNeedConnection:
        edges = [
            TechNeedEdge(cursor=encode_cursor(c), node=TechNeed.from_domain(n))
            for n, c in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=_page_info(page))


@strawberry.type(description="对接引荐连接中的一条边 / An edge of an introduction connection")
class IntroductionEdge:
    cursor: str = strawberry.field(description="游标 / Cursor")
    node: Introduction = strawberry.field(description="对接引荐 / The introduction")


@strawberry.type(description="对接引荐的分页连接，新的在前 / A page of introductions, newest first")
class IntroductionConnection:
    edges: list[IntroductionEdge] = strawberry.field(description="边 / Edges")
    page_info: PageInfo = strawberry.field(description="分页信息 / Page info")

    @classmethod
    def from_page(cls, page: wf.RecordPage[wf.Introduction]) -> IntroductionConnection:
        edges = [
            IntroductionEdge(cursor=encode_cursor(c), node=Introduction.from_domain(i))
            for i, c in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=_page_info(page))


@strawberry.type(description="审计日志中的一条 / One entry of the audit log")
class AuditEntry:
    id: str = strawberry.field(description="标识（audit:…）/ Id (audit:…)")
    at: str = strawberry.field(description="时间（UTC）/ When (UTC)")
    actor: str = strawberry.field(description="操作者 / Who")
    role: str = strawberry.field(description="角色 / Their role")
    action: str = strawberry.field(description="操作（如 need.status）/ What (e.g. need.status)")
    record: str = strawberry.field(description="记录标识 / The record's id")
    before: str = strawberry.field(description="变更前状态 / Status before")
    after: str = strawberry.field(description="变更后状态 / Status after")
    note: str = strawberry.field(description="备注 / Note")


@strawberry.type(description="审计日志的一条边 / An edge of the audit log")
class AuditEntryEdge:
    cursor: str = strawberry.field(description="游标 / Cursor")
    node: AuditEntry = strawberry.field(description="日志条目 / The entry")


@strawberry.type(description="审计日志的分页连接，新的在前 / A page of the audit log, newest first")
class AuditConnection:
    edges: list[AuditEntryEdge] = strawberry.field(description="边 / Edges")
    page_info: PageInfo = strawberry.field(description="分页信息 / Page info")

    @classmethod
    def from_page(cls, page: wf.RecordPage[wf.AuditEntry]) -> AuditConnection:
        edges = [
            AuditEntryEdge(
                cursor=encode_cursor(c),
                node=AuditEntry(
                    id=e.id,
                    at=e.at,
                    actor=e.actor,
                    role=e.role,
                    action=e.action,
                    record=e.record,
                    before=e.before,
                    after=e.after,
                    note=e.note,
                ),
            )
            for e, c in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=_page_info(page))


def _page_info(page: wf.RecordPage[Any]) -> PageInfo:
    end = encode_cursor(page.end_cursor) if page.end_cursor else None
    return PageInfo(has_next_page=page.has_next, end_cursor=end)
