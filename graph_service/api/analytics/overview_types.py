"""GraphQL types of a region's overview."""

from __future__ import annotations

import strawberry

from graph_service.services.analytics.overview import ChainCoverage, RegionOverview


@strawberry.type(description="某年的成果转化数 / Transfers in one year")
class YearCount:
    year: int | None = strawberry.field(description="年份（未注明为空）/ Year, null when not recorded")
    transfers: int = strawberry.field(description="转化数 / Transfers")


@strawberry.type(description="产业链覆盖一览 / A chain's coverage at a glance")
class ChainCoverageType:
    chain: str = strawberry.field(description="产业链标识 / Chain uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    segments: int = strawberry.field(description="环节数 / Segments")
    covered: int = strawberry.field(description="有企业的环节数 / Segments with an enterprise")
    gaps: int = strawberry.field(description="缺口数（含全链）/ Gaps, the whole chain's included")
    chain_leaders: int = strawberry.field(description="链主企业数 / Chain-leader enterprises")

    @classmethod
    def from_domain(cls, c: ChainCoverage) -> ChainCoverageType:
        return cls(
            chain=c.uid,
            name=c.name,
            name_en=c.name_en,
            segments=c.segments,
            covered=c.covered,
            gaps=c.gaps,
            chain_leaders=c.chain_leaders,
        )


@strawberry.type(description="地区概览：上报常用数字 / A region's overview: the figures reported upward")
class RegionOverviewType:
    region: str = strawberry.field(description="地区 / Region")
    workstations: int = strawberry.field(description="工作站 / Workstations")
    partner_units: int = strawberry.field(description="生态伙伴单位 / Ecosystem-partner units")
    societies_5a: int = strawberry.field(description="5A学会 / 5A-rated societies")
    enterprise_associations: int = strawberry.field(description="企业科协 / Enterprise associations")
    enterprises: int = strawberry.field(description="企业 / Enterprises")
    chain_leaders: int = strawberry.field(description="链主企业 / Chain-leader enterprises")
    specialised: int = strawberry.field(description="专精特新企业 / Specialised SMEs")
    transfers_by_year: list[YearCount] = strawberry.field(description="逐年成果转化 / Transfers by year")
    chains: list[ChainCoverageType] = strawberry.field(description="本地产业链覆盖 / The region's chains")

    @classmethod
    def from_domain(cls, r: RegionOverview) -> RegionOverviewType:
        return cls(
            region=r.region,
            workstations=r.workstations,
            partner_units=r.partner_units,
            societies_5a=r.societies_5a,
            enterprise_associations=r.enterprise_associations,
            enterprises=r.enterprises,
            chain_leaders=r.chain_leaders,
            specialised=r.specialised,
            transfers_by_year=[YearCount(year=y, transfers=n) for y, n in r.transfers_by_year],
            chains=[ChainCoverageType.from_domain(c) for c in r.chains],
        )
