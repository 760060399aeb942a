"""The ``changes`` feed's GraphQL types: change events, oldest first after a cursor.

An event carries only what its record's readers may see (``services/workflow/events.py``):
the services choose the events, so an alias or a fragment reaches nothing more.
"""

from __future__ import annotations

import strawberry

from graph_service.api.graphql.cursors import encode_cursor
from graph_service.domain import workflow as wf
from graph_service.ontology import EntityKind
from graph_service.services.workflow.events import ChangePage, title

strawberry.enum(wf.ChangeKind, name="ChangeKind", description="变更事件类型 / What a change event tells")


@strawberry.type(description="需求的新匹配候选 / A candidate new in a need's top list")
class FoundCandidate:
    uid: str = strawberry.field(description="候选标识 / Uid of the candidate")
    kind: EntityKind = strawberry.field(description="候选类型 / Kind of the candidate")
    name: str = strawberry.field(description="名称 / Name")
    rank: int = strawberry.field(description="推荐名次（1 为最佳）/ Where the recommender ranks it (1 = best)")


@strawberry.type(description="一条变更事件 / One change event")
class ChangeEvent:
    id: str = strawberry.field(description="事件标识（event:…）/ Id (event:…)")
    cursor: str = strawberry.field(description="读到此事件为止的游标 / Cursor to resume after this event")
    kind: wf.ChangeKind = strawberry.field(description="类型 / What happened")
    title: str = strawberry.field(description="标题（中文）/ Title in Chinese")
    title_en: str = strawberry.field(description="标题（英文）/ Title in English")
    at: str = strawberry.field(description="发生时间（UTC）/ When (UTC)")
    record_id: str = strawberry.field(description="需求或引荐的标识 / Id of the need or introduction")
    need_id: str | None = strawberry.field(description="所涉需求的标识 / Id of the need it concerns")
    enterprise_uid: str = strawberry.field(description="企业标识 / Uid of the enterprise")
    from_status: str = strawberry.field(description="原状态（新建时为空）/ Status before (empty when created)")
    to_status: str = strawberry.field(description="新状态 / Status after")
    by: str = strawberry.field(description="操作者（同状态历史）/ Who, as the record's history names them")
    note: str = strawberry.field(description="备注 / Note")
    partner_uid: str | None = strawberry.field(description="合作方标识（引荐）/ Uid of the partner (introductions)")
    partner_kind: EntityKind | None = strawberry.field(description="合作方类型 / Kind of the partner")
    candidates: list[FoundCandidate] = strawberry.field(description="新候选 / New candidates")

    @classmethod
    def from_domain(cls, event: wf.ChangeEvent) -> ChangeEvent:
        zh, en = title(event)
        return cls(
            id=event.id,
            cursor=encode_cursor(str(event.seq)),
            kind=event.kind,
            title=zh,
            title_en=en,
            at=event.at,
            record_id=event.record,
            need_id=event.need,
            enterprise_uid=event.enterprise,
            from_status=event.from_status,
            to_status=event.to_status,
            by=event.by,
            note=event.note,
            partner_uid=event.partner,
            partner_kind=EntityKind(event.partner_kind) if event.partner_kind else None,
            candidates=[
                FoundCandidate(uid=c.uid, kind=EntityKind(c.kind), name=c.name, rank=c.rank) for c in event.candidates
            ],
        )


@strawberry.type(description="一页变更事件，旧的在前 / A page of change events, oldest first")
class ChangeFeed:
    events: list[ChangeEvent] = strawberry.field(description="事件 / Events")
    cursor: str | None = strawberry.field(
        description="下次轮询时作为 since 传回的游标 / Pass it back as since to get only newer events"
    )
    has_more: bool = strawberry.field(description="是否还有更多事件 / Whether more events wait")

    @classmethod
    def from_page(cls, page: ChangePage) -> ChangeFeed:
        return cls(
            events=[ChangeEvent.from_domain(e) for e in page.events],
            cursor=encode_cursor(page.cursor) if page.cursor is not None else None,
            has_more=page.has_more,
        )
