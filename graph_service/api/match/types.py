"""GraphQL types of recommendations, built from domain objects at one seam."""

from __future__ import annotations

import strawberry

from graph_service.api.explore.types import EntityInterface, entity_from_domain
from graph_service.domain.recommendation import Evidence, Reason, Recommendation, Team
from graph_service.services.match.recommend import Need


@strawberry.input(description="技术需求 / A technology need")
class NeedInput:
    fields: list[str] | None = strawberry.field(default=None, description="技术领域标识 / Field uids")
    text: str | None = strawberry.field(
        default=None, description="需求描述，用于匹配领域 / Free text, matched to fields"
    )

    def to_domain(self) -> Need:
        return Need(list(self.fields or []), self.text or "")


@strawberry.input(description="评分权重，未给出的用默认值 / Component weights; those not given keep their defaults")
class WeightsInput:
    topic: float | None = strawberry.field(default=None, description="领域匹配 / Topic fit")
    network: float | None = strawberry.field(default=None, description="网络邻近 / Network proximity")
    geography: float | None = strawberry.field(default=None, description="地理邻近 / Geography")
    credibility: float | None = strawberry.field(default=None, description="可信度 / Credibility")
    stage: float | None = strawberry.field(default=None, description="投资阶段匹配 / Stage fit (investors)")
    complementarity: float | None = strawberry.field(default=None, description="互补性 / Complementarity")

    def to_domain(self) -> dict[str, float]:
        return {name: value for name, value in vars(self).items() if value is not None}


@strawberry.type(description="证据中的一条关系 / A tie in an evidence path")
class EvidenceEdge:
    source: str = strawberry.field(description="起点 / Source uid")
    type: str = strawberry.field(description="关系类型 / Relationship type")
    target: str = strawberry.field(description="终点 / Target uid")


@strawberry.type(description="理由背后的图路径 / A graph path behind a reason")
class EvidencePath:
    nodes: list[str] = strawberry.field(description="依次经过的实体标识 / Entity uids in order")
    edges: list[EvidenceEdge] = strawberry.field(description="依次经过的关系 / Ties in order")

    @classmethod
    def from_domain(cls, evidence: Evidence) -> EvidencePath:
        return cls(
            nodes=list(evidence.nodes), edges=[EvidenceEdge(source=s, type=t, target=o) for s, t, o in evidence.edges]
        )


@strawberry.type(description="推荐理由 / A reason for a recommendation")
class RecommendationReason:
    component: str = strawberry.field(description="对应评分项 / The score component it explains")
    zh: str = strawberry.field(description="中文理由 / Reason in Chinese")
    en: str = strawberry.field(description="英文理由 / Reason in English")
    evidence: list[EvidencePath] = strawberry.field(description="证据路径 / Evidence paths")

    @classmethod
    def from_domain(cls, reason: Reason) -> RecommendationReason:
        return cls(
            component=reason.component,
            zh=reason.zh,
            en=reason.en,
            evidence=[EvidencePath.from_domain(e) for e in reason.evidence],
        )


@strawberry.type(description="评分项 / A score component")
class ScoreComponent:
    name: str = strawberry.field(description="名称 / Name")
    score: float = strawberry.field(description="得分，0 到 1 / Score in [0, 1]")
    weight: float = strawberry.field(description="权重 / Weight")


@strawberry.type(description="一个推荐的合作伙伴 / A recommended partner")
class PartnerRecommendation:
    partner: EntityInterface = strawberry.field(description="合作伙伴 / The partner")
    score: float = strawberry.field(description="总分，0 到 1 / Total score in [0, 1]")
    components: list[ScoreComponent] = strawberry.field(description="各评分项 / Score components")
    reasons: list[RecommendationReason] = strawberry.field(description="理由 / Reasons")
    existing: bool = strawberry.field(description="是否已是合作伙伴 / Already a partner")

    @classmethod
    def from_domain(cls, rec: Recommendation) -> PartnerRecommendation:
        return cls(
            partner=entity_from_domain(rec.partner),
            score=rec.score,
            components=[ScoreComponent(name=c.name, score=c.score, weight=c.weight) for c in rec.components],
            reasons=[RecommendationReason.from_domain(r) for r in rec.reasons],
            existing=rec.existing,
        )


@strawberry.type(description="四方团队：科学家+科服机构+创投家（及工作站或学会）/ A four-party team")
class TeamRecommendation:
    members: list[PartnerRecommendation] = strawberry.field(description="成员 / Members")
    score: float = strawberry.field(description="团队得分 / Team score")
    cohesion: float = strawberry.field(description="成员间已有联系的比例 / Share of member pairs already tied")
    reasons: list[RecommendationReason] = strawberry.field(description="团队理由 / Why these fit together")

    @classmethod
    def from_domain(cls, team: Team) -> TeamRecommendation:
        return cls(
            members=[PartnerRecommendation.from_domain(m) for m in team.members],
            score=team.score,
            cohesion=team.cohesion,
            reasons=[RecommendationReason.from_domain(r) for r in team.reasons],
        )
