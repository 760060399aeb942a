"""The workflow KPIs as GraphQL: one row per month, the period's totals, the decline reasons."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.workflow import types as _enums  # noqa: F401  (declares the vocabularies' enums)
from graph_service.domain import workflow as wf
from graph_service.services.workflow import kpis


@strawberry.type(description="一个月（或整个统计期）的对接指标 / The KPIs of one month, or of the period")
class KpiRow:
    month: str = strawberry.field(description="月份 YYYY-MM（北京时间；合计行为空）/ Month, China time ('' in totals)")
    needs_posted: int = strawberry.field(description="发布需求数 / Needs posted")
    needs_docked: int = strawberry.field(description="进入对接的需求数（首次）/ Needs taken into docking (first time)")
    needs_met: int = strawberry.field(description="已满足的需求数 / Needs met")
    introductions_proposed: int = strawberry.field(description="提出的对接引荐 / Introductions proposed")
    introductions_agreed: int = strawberry.field(description="达成合作的引荐 / Introductions agreed")
    introductions_declined: int = strawberry.field(description="婉拒的引荐 / Introductions declined")
    proposed_agreed: int = strawberry.field(
        description="本月提出、统计期末前达成合作的引荐 / Of the proposed, agreed by the period's end"
    )
    conversion_rate: float | None = strawberry.field(
        description="转化率 = proposedAgreed / introductionsProposed（按提出月份）/ Conversion, by month proposed"
    )
    median_days_to_agreement: float | None = strawberry.field(
        description="从提出到达成合作的天数中位数（本月达成的）/ Median days from proposal to agreement"
    )

    @classmethod
    def from_domain(cls, row: kpis.KpiRow) -> KpiRow:
        return cls(
            month=row.month,
            needs_posted=row.needs_posted,
            needs_docked=row.needs_docked,
            needs_met=row.needs_met,
            introductions_proposed=row.introductions_proposed,
            introductions_agreed=row.introductions_agreed,
            introductions_declined=row.introductions_declined,
            proposed_agreed=row.proposed_agreed,
            conversion_rate=row.conversion_rate,
            median_days_to_agreement=row.median_days_to_agreement,
        )


@strawberry.type(description="一种婉拒原因的次数 / How often one reason was given")
class DeclineReasonCount:
    reason: wf.DeclineReason = strawberry.field(description="原因 / Reason")
    name_zh: str = strawberry.field(description="中文名称 / Chinese name")
    name_en: str = strawberry.field(description="英文名称 / English name")
    count: int = strawberry.field(description="次数 / Introductions declined for it")
    share: float = strawberry.field(description="占婉拒总数的比例 / Share of the period's declines")


@strawberry.type(description="对接工作指标 / The workflow KPIs managers report upward")
class WorkflowKpis:
    region: str | None = strawberry.field(description="地区（含下辖地区）/ Region, with the places within it")
    programme_uid: str | None = strawberry.field(description="计划或平台标识 / Programme uid")
    programme_name: str | None = strawberry.field(description="计划或平台名称 / Programme name")
    first_month: str = strawberry.field(description="起始月份 / First month")
    last_month: str = strawberry.field(description="结束月份 / Last month")
    public_only: bool = strawberry.field(description="仅统计公开记录（分析员）/ Public records only (analysts)")
    months: list[KpiRow] = strawberry.field(description="每月一行 / One row per month")
    totals: KpiRow = strawberry.field(description="统计期合计 / The period's totals")
    decline_reasons: list[DeclineReasonCount] = strawberry.field(
        description="婉拒原因，最常见的在前 / Why introductions were declined, most common first"
    )

    @classmethod
    def from_domain(cls, found: kpis.WorkflowKpis) -> WorkflowKpis:
        return cls(
            region=found.region,
            programme_uid=found.programme,
            programme_name=found.programme_name,
            first_month=found.first_month,
            last_month=found.last_month,
            public_only=found.public_only,
            months=[KpiRow.from_domain(r) for r in found.months],
            totals=KpiRow.from_domain(found.totals),
            decline_reasons=[
                DeclineReasonCount(reason=d.reason, name_zh=d.zh, name_en=d.en, count=d.count, share=d.share)
                for d in found.decline_reasons
            ],
        )


@strawberry.type
class WorkflowKpiQuery:
    @strawberry.field(
        description="对接工作指标：按地区、计划与月份（北京时间），经理、管理员与分析员可见 / "
        "Needs and introductions per region, programme and month (China time); managers, admins, analysts"
    )
    async def workflow_kpis(
        self,
        info: Info,
        region: str | None = None,
        programme: str | None = None,
        first: Annotated[
            str | None, strawberry.argument(name="from", description="起始月份 YYYY-MM / First month")
        ] = None,
        last: Annotated[
            str | None,
            strawberry.argument(name="to", description="结束月份 YYYY-MM（默认本月）/ Last month (default: this one)"),
        ] = None,
    ) -> WorkflowKpis:
        found = await run_sync(
            kpis.workflow_kpis, info.context.store, region=region, programme=programme, first=first, last=last
        )
        return WorkflowKpis.from_domain(found)
