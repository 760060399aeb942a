"""GraphQL types of a partner-programme expansion (生态伙伴扩容), built from the service's dataclasses."""

from __future__ import annotations

import strawberry

from graph_service.api.explore.types import EntityInterface, entity_from_domain
from graph_service.api.match.types import RecommendationReason
from graph_service.services.programmes.partner_expansion import ProgrammeExpansion, ProgrammePick, Reach, ReachItem


@strawberry.type(description="新覆盖的环节、领域或地区 / A segment, field or district newly reached")
class ReachedItem:
    kind: str = strawberry.field(
        description="类别：segment、field 或 district / What it is: segment, field or district"
    )
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")

    @classmethod
    def from_domain(cls, item: ReachItem) -> ReachedItem:
        return cls(kind=item.dimension, uid=item.uid, name=item.name, name_en=item.name_en)


@strawberry.type(description="计划覆盖的环节、领域与地区数 / How many segments, fields and districts are reached")
class ProgrammeReach:
    segments: int = strawberry.field(description="产业链环节 / Chain segments")
    fields: int = strawberry.field(description="技术领域 / Fields")
    districts: int = strawberry.field(description="地区 / Districts")

    @classmethod
    def from_domain(cls, reach: Reach) -> ProgrammeReach:
        return cls(segments=reach.segments, fields=reach.fields, districts=reach.districts)


@strawberry.type(description="一家建议吸纳的伙伴单位 / One organisation to invite")
class ProgrammePickType:
    entity: EntityInterface = strawberry.field(description="单位 / The organisation")
    gain: float = strawberry.field(
        description="边际收益：新覆盖的环节、领域与地区数 / Marginal gain: segments, fields and districts newly reached"
    )
    covers: list[ReachedItem] = strawberry.field(description="新覆盖的内容 / What it newly reaches")
    reasons: list[RecommendationReason] = strawberry.field(description="理由 / Reasons")
    score: float = strawberry.field(
        description="推荐系统对该计划的评分（同等收益时优先）/ The recommender's score for the programme (breaks ties)"
    )

    @classmethod
    def from_domain(cls, pick: ProgrammePick) -> ProgrammePickType:
        return cls(
            entity=entity_from_domain(pick.entity),
            gain=pick.gain,
            covers=[ReachedItem.from_domain(c) for c in pick.covers],
            reasons=[RecommendationReason.from_domain(r) for r in pick.reasons],
            score=pick.score,
        )


@strawberry.type(description="生态伙伴扩容方案 / A plan to grow a partner programme")
class ProgrammeExpansionType:
    programme: str = strawberry.field(description="计划标识 / Programme uid")
    name: str = strawberry.field(description="计划名称 / Programme name")
    partners: int = strawberry.field(description="现有伙伴数 / Current partners")
    picks: list[ProgrammePickType] = strawberry.field(description="建议吸纳，按选入顺序 / Picks in the order chosen")
    before: ProgrammeReach = strawberry.field(description="扩容前覆盖 / Reached before")
    after: ProgrammeReach = strawberry.field(description="扩容后覆盖 / Reached after")
    total: ProgrammeReach = strawberry.field(description="图中可覆盖的总数 / What there is to reach")

    @classmethod
    def from_domain(cls, plan: ProgrammeExpansion) -> ProgrammeExpansionType:
        return cls(
            programme=plan.programme,
            name=plan.name,
            partners=plan.partners,
            picks=[ProgrammePickType.from_domain(p) for p in plan.picks],
            before=ProgrammeReach.from_domain(plan.before),
            after=ProgrammeReach.from_domain(plan.after),
            total=ProgrammeReach.from_domain(plan.total),
        )
