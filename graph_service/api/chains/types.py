"""GraphQL types of chain gap reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import strawberry
from strawberry.scalars import JSON

from graph_service.api.graphql.context import Info
from graph_service.api.http.threads import run_sync
from graph_service.api.match.types import PartnerRecommendation
from graph_service.domain.recommendation import Recommendation
from graph_service.services.chains.broken import BrokenChains
from graph_service.services.chains.gaps import ChainReport, GapKind, SegmentCounts, SegmentReport, segment_enterprises
from graph_service.services.chains.recruit import GapRef, Pick
from graph_service.services.chains.transfers import TransferChain

strawberry.enum(GapKind, name="GapKind", description="缺口类型 / Kind of gap")


@strawberry.type(description="环节各角色数量 / Counts of each role in a segment")
class SegmentCoverage:
    enterprises: int = strawberry.field(description="企业 / Enterprises")
    chain_leaders: int = strawberry.field(description="链主企业 / Chain leaders")
    specialised: int = strawberry.field(description="专精特新企业 / Specialised SMEs")
    scientists: int = strawberry.field(description="相关领域科技工作者 / Scientists in its fields")
    institutions: int = strawberry.field(description="相关领域高校院所 / Institutions in its fields")
    workstations: int = strawberry.field(description="相关工作站 / Workstations in its fields")
    investors: int = strawberry.field(description="投资其企业的创投机构 / Investors in its enterprises")
    agencies: int = strawberry.field(description="服务其企业的科服机构 / Agencies serving its enterprises")
    transfers: int = strawberry.field(description="转入其企业的成果 / Transfers into its enterprises")

    @classmethod
    def from_domain(cls, c: SegmentCounts) -> SegmentCoverage:
        return cls(
            enterprises=c.enterprises,
            chain_leaders=c.chain_leaders,
            specialised=c.specialised,
            scientists=c.scientists,
            institutions=c.institutions,
            workstations=c.workstations,
            investors=c.investors,
            agencies=c.agencies,
            transfers=c.transfers,
        )


@strawberry.type(description="一个缺口 / A gap")
class ChainGap:
    kind: GapKind = strawberry.field(description="缺口类型 / Kind")
    severity: float = strawberry.field(description="严重程度，0 到 1 / Severity in [0, 1]")
    zh: str = strawberry.field(description="中文说明 / Reason in Chinese")
    en: str = strawberry.field(description="英文说明 / Reason in English")
    suggestions: list[PartnerRecommendation] = strawberry.field(
        description="建议引进的对象（含区外）/ Suggested recruits, from outside the region too"
    )


@strawberry.type(description="产业链的一个环节 / One segment of a chain")
class SegmentGaps:
    uid: str = strawberry.field(description="环节标识 / Segment uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    position: int = strawberry.field(description="自上游起的顺序 / Position from upstream")
    coverage: SegmentCoverage = strawberry.field(description="各角色数量 / Counts by role")
    gaps: list[ChainGap] = strawberry.field(description="缺口，严重的在前 / Gaps, most severe first")
    report: strawberry.Private[ChainReport]
    segment: strawberry.Private[SegmentReport]

    @strawberry.field(description="环节内企业标识 / Uids of its enterprises")
    async def enterprises(self, info: Info) -> list[str]:
        # Read only when asked: the counts come from the segment's tally, not its members.
        return list(await run_sync(segment_enterprises, info.context.store, self.report, self.segment))

    @classmethod
    def from_domain(
        cls, s: SegmentReport, offered: Mapping[GapRef, list[Recommendation]], report: ChainReport
    ) -> SegmentGaps:
        gaps = [
            ChainGap(
                kind=g.kind,
                severity=g.severity,
                zh=g.zh,
                en=g.en,
                suggestions=[
                    PartnerRecommendation.from_domain(r) for r in offered.get(GapRef(s.uid, g.kind, g.severity), [])
                ],
            )
            for g in s.gaps
        ]
        return cls(
            uid=s.uid,
            name=s.name,
            name_en=s.name_en,
            position=s.position,
            coverage=SegmentCoverage.from_domain(s.counts),
            gaps=gaps,
            report=report,
            segment=s,
        )


@strawberry.type(description="产业链缺口报告 / Gap report of an industry chain")
class ChainGapReport:
    chain: str = strawberry.field(description="产业链标识 / Chain uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    region: str | None = strawberry.field(description="地区范围 / Region, when limited to one")
    region_defaulted: bool = strawberry.field(
        description="未指定地区，按产业链所在城市统计 / No region was asked for: the chain's own city was counted"
    )
    scope_zh: str = strawberry.field(description="统计范围说明 / What was counted, in Chinese")
    scope_en: str = strawberry.field(description="统计范围说明（英文）/ What was counted, in English")
    gaps: list[ChainGap] = strawberry.field(description="全链缺口（如没有链主企业）/ Gaps of the whole chain")
    segments: list[SegmentGaps] = strawberry.field(description="环节，自上游到下游 / Segments, upstream to downstream")

    @classmethod
    def from_domain(cls, r: ChainReport, offered: Mapping[GapRef, list[Recommendation]]) -> ChainGapReport:
        scope_zh, scope_en = r.scope
        return cls(
            chain=r.chain,
            name=r.name,
            name_en=r.name_en,
            region=r.region,
            region_defaulted=r.region_defaulted,
            scope_zh=scope_zh,
            scope_en=scope_en,
            gaps=[ChainGap(kind=g.kind, severity=g.severity, zh=g.zh, en=g.en, suggestions=[]) for g in r.gaps],
            segments=[SegmentGaps.from_domain(s, offered, r) for s in r.segments],
        )


@strawberry.type(description="缺口的位置 / Where a gap is")
class GapPlace:
    segment: str = strawberry.field(description="环节标识 / Segment uid")
    kind: GapKind = strawberry.field(description="缺口类型 / Kind")
    severity: float = strawberry.field(description="严重程度 / Severity")


@strawberry.type(description="一次引进及其边际收益 / One recruit and its marginal gain")
class GapRecruit:
    recruit: PartnerRecommendation = strawberry.field(description="引进对象 / The recruit")
    gain: float = strawberry.field(description="新弥补的缺口严重度之和 / Severity of the gaps it newly closes")
    closes: list[GapPlace] = strawberry.field(description="它弥补的缺口 / The gaps it closes")

    @classmethod
    def from_domain(cls, pick: Pick) -> GapRecruit:
        return cls(
            recruit=PartnerRecommendation.from_domain(pick.recruit),
            gain=pick.gain,
            closes=[GapPlace(segment=g.segment, kind=g.kind, severity=g.severity) for g in pick.closes],
        )


@strawberry.type(description="转化链中的一步 / One step of a transfer chain")
class TransferStep:
    role: str = strawberry.field(
        description="角色：developer、achievement、broker、enterprise、investor、park / Role of the step"
    )
    uid: str = strawberry.field(description="实体标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    kind: str = strawberry.field(description="实体类型 / Kind")
    relation: str | None = strawberry.field(description="连到成果或企业的关系 / The tie of this step")
    properties: JSON = strawberry.field(description="关系属性（方式、日期、金额、轮次）/ Tie properties")
    hop: int = strawberry.field(description="第几次转化（从 1 起）/ Which transfer of the chain, from 1")


@strawberry.type(description="一条科技成果转化链 / A technology-transfer chain")
class TransferChainType:
    steps: list[TransferStep] = strawberry.field(description="依次的步骤 / Steps in order")
    parties: list[str] = strawberry.field(description="具备的四方角色 / Parties present")
    missing: list[str] = strawberry.field(description="缺少的四方角色 / Parties missing")
    complete: bool = strawberry.field(description="四方是否齐全 / All four parties present")
    hops: int = strawberry.field(description="连续转化次数 / Transfers in the chain")

    @classmethod
    def from_domain(cls, chain: TransferChain) -> TransferChainType:
        steps = [
            TransferStep(
                role=s.role,
                uid=s.uid,
                name=s.name,
                kind=s.kind,
                relation=s.relation,
                properties=cast(JSON, s.properties),
                hop=s.hop,
            )
            for s in chain.steps
        ]
        return cls(
            steps=steps,
            parties=list(chain.parties),
            missing=list(chain.missing),
            complete=chain.complete,
            hops=chain.hops,
        )


@strawberry.type(description="未满足需求的企业 / An enterprise whose needs no transfer reached")
class UnservedEnterprise:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    needs: list[str] = strawberry.field(description="所需领域 / Fields it needs")


@strawberry.type(description="一个成果 / An achievement")
class IdleAchievement:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")


@strawberry.type(description="产业链中的断链 / Where a chain's transfers break")
class BrokenChainsType:
    idle_achievements: list[IdleAchievement] = strawberry.field(description="从未转化的成果 / Never transferred")
    unserved_enterprises: list[UnservedEnterprise] = strawberry.field(
        description="需求未被成果转化满足的企业 / Enterprises no transfer reached"
    )
    idle_total: int = strawberry.field(description="从未转化的成果总数 / How many were never transferred")
    unserved_total: int = strawberry.field(description="未满足企业总数 / How many enterprises")

    @classmethod
    def from_domain(cls, b: BrokenChains) -> BrokenChainsType:
        return cls(
            idle_achievements=[IdleAchievement(uid=u, name=n) for u, n in b.idle_achievements],
            unserved_enterprises=[
                UnservedEnterprise(uid=u, name=n, needs=list(f)) for u, n, f in b.unserved_enterprises
            ],
            idle_total=b.idle_total,
            unserved_total=b.unserved_total,
        )
