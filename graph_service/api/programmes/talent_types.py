"""GraphQL types of the talent map (产业人才图谱)."""

from __future__ import annotations

import strawberry

from graph_service.ontology import EntityKind
from graph_service.services.programmes.talent_map import (
    OrgTalent,
    PlaceTalent,
    SegmentTalent,
    TalentCounts,
    TalentMap,
)


@strawberry.type(description="人才数量 / Talent counts")
class TalentCountsType:
    scientists: int = strawberry.field(description="科技工作者 / Scientists")
    academicians: int = strawberry.field(description="院士 / Academicians")
    senior: int = strawberry.field(description="高级职称（非院士）/ Senior titles, academicians aside")
    young: int = strawberry.field(description="青年科学家（非院士、非高级职称）/ Young, neither of the above")
    other: int = strawberry.field(description="其他科技工作者 / Other scientists")
    overseas: int = strawberry.field(description="海外人才（海智）/ Overseas talent, any tier")
    institutions: int = strawberry.field(description="高校院所 / Institutions")
    societies: int = strawberry.field(description="学会 / Societies")
    workstations: int = strawberry.field(description="工作站 / Workstations")
    total: int = strawberry.field(description="合计（科技工作者+机构+学会+工作站）/ Talent units in all")

    @classmethod
    def from_domain(cls, c: TalentCounts) -> TalentCountsType:
        return cls(
            scientists=c.scientists,
            academicians=c.academicians,
            senior=c.senior,
            young=c.young,
            other=c.other,
            overseas=c.overseas,
            institutions=c.institutions,
            societies=c.societies,
            workstations=c.workstations,
            total=c.total,
        )


@strawberry.type(description="一地的人才 / The talent of one place")
class TalentPlace:
    place: str = strawberry.field(
        description="城市或本地区，空为未注明地区 / City, or the home region; empty: unrecorded"
    )
    name_en: str | None = strawberry.field(description="英文名 / English name")
    in_region: bool = strawberry.field(description="是否本地区 / In the home region")
    steps: int | None = strawberry.field(description="距本地区的层级距离 / WITHIN steps from the home region")
    counts: TalentCountsType = strawberry.field(description="人才数量 / Counts")

    @classmethod
    def from_domain(cls, p: PlaceTalent) -> TalentPlace:
        return cls(
            place=p.place,
            name_en=p.name_en,
            in_region=p.in_region,
            steps=p.steps,
            counts=TalentCountsType.from_domain(p.counts),
        )


@strawberry.type(description="可招引人才的区外机构或学会 / An institution or society outside to recruit from")
class TalentSource:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    kind: EntityKind = strawberry.field(description="类型 / Kind")
    region: str | None = strawberry.field(description="所属地区 / Region")
    steps: int | None = strawberry.field(description="距本地区的层级距离 / WITHIN steps from the home region")
    scientists: int = strawberry.field(description="该环节人才在其中的人数 / The segment's scientists in it")

    @classmethod
    def from_domain(cls, o: OrgTalent) -> TalentSource:
        return cls(
            uid=o.uid,
            name=o.name,
            name_en=o.name_en,
            kind=o.kind,
            region=o.region,
            steps=o.steps,
            scientists=o.scientists,
        )


@strawberry.type(description="一个环节的人才图谱 / The talent map of one segment")
class SegmentTalentType:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    position: int = strawberry.field(description="自上游起的顺序 / Recorded position from upstream")
    required_fields: list[str] = strawberry.field(description="所需领域 / Fields it requires")
    in_region: TalentCountsType = strawberry.field(description="本地区 / In the region")
    outside: TalentCountsType = strawberry.field(description="区外 / Outside the region")
    unrecorded: TalentCountsType = strawberry.field(description="未注明地区 / With no region recorded")
    share_outside: float = strawberry.field(description="区外占比 / Share of recorded talent outside")
    mostly_outside: bool = strawberry.field(description="人才主要在区外（>50%）/ More than half outside")
    places: list[TalentPlace] = strawberry.field(description="各地人才（热力图一行）/ Every place: a heat map row")
    biggest_outside: list[TalentPlace] = strawberry.field(description="区外最集中之地 / Biggest places outside")
    nearest_outside: list[TalentPlace] = strawberry.field(description="区外最近之地 / Nearest places outside")
    institutions: list[TalentSource] = strawberry.field(description="区外可招引的机构 / Institutions outside")
    societies: list[TalentSource] = strawberry.field(description="区外可招引的学会 / Societies outside")
    zh: str = strawberry.field(description="中文说明 / Summary in Chinese")
    en: str = strawberry.field(description="英文说明 / Summary in English")

    @classmethod
    def from_domain(cls, s: SegmentTalent, home: str, home_en: str | None) -> SegmentTalentType:
        zh, en = s.reason(home, home_en)
        return cls(
            uid=s.uid,
            name=s.name,
            name_en=s.name_en,
            position=s.position,
            required_fields=[name for _, name in s.required],
            in_region=TalentCountsType.from_domain(s.inside),
            outside=TalentCountsType.from_domain(s.outside),
            unrecorded=TalentCountsType.from_domain(s.unrecorded),
            share_outside=s.share_outside,
            mostly_outside=s.mostly_outside,
            places=[TalentPlace.from_domain(p) for p in s.places],
            biggest_outside=[TalentPlace.from_domain(p) for p in s.biggest_outside],
            nearest_outside=[TalentPlace.from_domain(p) for p in s.nearest_outside],
            institutions=[TalentSource.from_domain(o) for o in s.institutions],
            societies=[TalentSource.from_domain(o) for o in s.societies],
            zh=zh,
            en=en,
        )


@strawberry.type(description="产业人才图谱 / An industry chain's talent map")
class TalentMapType:
    chain: str = strawberry.field(description="产业链标识 / Chain uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    region: str = strawberry.field(description="本地区 / The home region")
    region_en: str | None = strawberry.field(description="本地区英文名 / The home region in English")
    region_defaulted: bool = strawberry.field(description="未指定地区，按产业链所在城市 / The chain's own city")
    places: list[str] = strawberry.field(description="热力图的列 / The heat map's columns")
    segments: list[SegmentTalentType] = strawberry.field(description="自上游到下游 / Upstream to downstream")
    mostly_outside: list[str] = strawberry.field(description="人才主要在区外的环节 / Segments mostly outside")

    @classmethod
    def from_domain(cls, m: TalentMap) -> TalentMapType:
        return cls(
            chain=m.chain,
            name=m.name,
            name_en=m.name_en,
            region=m.region,
            region_en=m.region_en,
            region_defaulted=m.region_defaulted,
            places=list(m.places),
            segments=[SegmentTalentType.from_domain(s, m.region, m.region_en) for s in m.segments],
            mostly_outside=[s.uid for s in m.mostly_outside],
        )
