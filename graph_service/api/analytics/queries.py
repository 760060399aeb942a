"""The ecosystem report over GraphQL."""

from __future__ import annotations

import strawberry

from graph_service.api.analytics.overview_types import RegionOverviewType
from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.errors import LimitExceededError, NotFoundError
from graph_service.services.analytics.overview import DEFAULT_REGIONS, MAX_REGIONS, cached_overview
from graph_service.services.analytics.report import CACHE, EcosystemReport, Ranked


@strawberry.type(description="排名中的一项 / A ranked entity")
class RankedEntity:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    kind: str = strawberry.field(description="类型 / Kind")
    value: float = strawberry.field(description="指标值 / Value of the measure")

    @classmethod
    def from_domain(cls, r: Ranked) -> RankedEntity:
        return cls(uid=r.uid, name=r.name, kind=r.kind, value=r.value)


@strawberry.type(description="一个社群 / A community")
class Community:
    size: int = strawberry.field(description="规模 / Size")
    leaders: list[str] = strawberry.field(description="联系最多的成员 / Its best-connected members")


@strawberry.type(description="数量分布 / A count")
class KeyCount:
    key: str = strawberry.field(description="键 / Key")
    count: int = strawberry.field(description="数量 / Count")


@strawberry.type(description="生态分析报告（networkx）/ Ecosystem report computed with networkx")
class EcosystemReportType:
    region: str | None = strawberry.field(description="地区 / Region")
    entities: int = strawberry.field(description="人与机构数 / People and organisations")
    ties: int = strawberry.field(description="关系数 / Ties")
    brokers: list[RankedEntity] = strawberry.field(description="中介枢纽（介数中心性）/ Brokers by betweenness")
    communities: list[Community] = strawberry.field(description="社群 / Communities")
    isolated: list[RankedEntity] = strawberry.field(description="孤立主体（待联络）/ Isolated entities to reach out to")
    isolated_count: int = strawberry.field(description="孤立主体总数 / How many are isolated")
    four_party: list[KeyCount] = strawberry.field(
        description="企业四方齐全程度：具备的方数 → 企业数 / Enterprises by how many of the four parties they have"
    )
    partner_coverage: list[KeyCount] = strawberry.field(
        description="科创生态伙伴计划覆盖 / Reach of the ecosystem-partner programme"
    )
    computed_seconds: float = strawberry.field(description="计算耗时（秒）/ Seconds to compute")

    @classmethod
    def from_domain(cls, r: EcosystemReport) -> EcosystemReportType:
        return cls(
            region=r.region,
            entities=r.entities,
            ties=r.ties,
            brokers=[RankedEntity.from_domain(b) for b in r.brokers],
            communities=[Community(size=size, leaders=list(names)) for size, names in r.communities],
            isolated=[RankedEntity.from_domain(i) for i in r.isolated],
            isolated_count=r.isolated_count,
            four_party=[KeyCount(key=str(k), count=v) for k, v in r.four_party.items()],
            partner_coverage=[KeyCount(key=k, count=v) for k, v in r.partner_coverage.items()],
            computed_seconds=r.computed_seconds,
        )


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(
        description="生态分析报告，图变化后重新计算 / Ecosystem report, recomputed when the graph changes"
    )
    async def ecosystem_report(self, info: Info, region: str | None = None) -> EcosystemReportType:
        report = await run_sync(CACHE.get, info.context.store, region)
        return EcosystemReportType.from_domain(report)

    @strawberry.field(
        description="地区概览（默认成都市与重庆市并列）：工作站、生态伙伴、5A学会、企业科协、链主与专精特新、逐年转化、"
        "产业链覆盖 / Regions side by side (成都市 and 重庆市 by default): the figures reported upward, transfers by "
        "year, each chain's coverage"
    )
    async def region_overview(self, info: Info, regions: list[str] | None = None) -> list[RegionOverviewType]:
        if regions is not None and len(regions) > MAX_REGIONS:
            raise LimitExceededError(f"at most {MAX_REGIONS} regions at once / 一次最多 {MAX_REGIONS} 个地区")
        found = []
        for region in regions or DEFAULT_REGIONS:
            try:
                found.append(await run_sync(cached_overview, info.context.store, region))
            except NotFoundError:
                if regions:
                    raise  # asked for by name: say it is unknown
                # A default region this graph does not hold is left out, not an error.
        return [RegionOverviewType.from_domain(r) for r in found]
