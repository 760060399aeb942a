"""GraphQL types of recommendations, built from domain objects at one seam."""

from __future__ import annotations

import strawberry

from graph_service.api.explore.types import EntityInterface, entity_from_domain
from graph_service.domain.recommendation import Attribute, Component, Evidence, Reason, Recommendation, Team
from graph_service.services.match.candidates import Need
from graph_service.services.match.need_text import NeedReading


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


@strawberry.type(description="属性类理由所依据的记录值 / A recorded value an attribute reason rests on")
class ReasonAttribute:
    entity: str = strawberry.field(description="所属实体标识 / Uid of the entity it is recorded on")
    name: str = strawberry.field(description="属性 / Property")
    value: str = strawberry.field(description="记录值 / Recorded value")

    @classmethod
    def from_domain(cls, attribute: Attribute) -> ReasonAttribute:
        return cls(entity=attribute.entity, name=attribute.name, value=attribute.value)


@strawberry.type(description="推荐理由 / A reason for a recommendation")
class RecommendationReason:
    component: str = strawberry.field(description="对应评分项 / The score component it explains")
    zh: str = strawberry.field(description="中文理由 / Reason in Chinese")
    en: str = strawberry.field(description="英文理由 / Reason in English")
    basis: str = strawberry.field(
        description="依据：paths 为图中路径，attributes 为记录的属性值 / "
        "What it rests on: paths (ties in the graph) or attributes (recorded values)"
    )
    evidence: list[EvidencePath] = strawberry.field(description="证据路径 / Evidence paths")
    attributes: list[ReasonAttribute] = strawberry.field(
        description="属性类理由所依据的值 / The recorded values an attribute reason rests on"
    )

    @classmethod
    def from_domain(cls, reason: Reason) -> RecommendationReason:
        return cls(
            component=reason.component,
            zh=reason.zh,
            en=reason.en,
            basis=reason.basis,
            evidence=[EvidencePath.from_domain(e) for e in reason.evidence],
            attributes=[ReasonAttribute.from_domain(a) for a in reason.attributes],
        )


# The domain's enum, declared to GraphQL where the API meets it (strawberry marks the class itself).
strawberry.enum(Component, name="ScoreComponentName", description="评分项 / A score component")


@strawberry.type(description="评分项 / A score component")
class ScoreComponent:
    component: Component = strawberry.field(description="评分项 / Which component")
    name: str = strawberry.field(description="名称（同 component，小写） / Name (the component in lower case)")
    score: float = strawberry.field(description="得分，0 到 1 / Score in [0, 1]")
    weight: float = strawberry.field(description="权重 / Weight")
    contribution: float = strawberry.field(description="对总分的贡献 / Its share of the total score")


@strawberry.type(description="一个推荐的合作伙伴 / A recommended partner")
class PartnerRecommendation:
    partner: EntityInterface = strawberry.field(description="合作伙伴 / The partner")
    score: float = strawberry.field(description="总分，0 到 1 / Total score in [0, 1]")
    components: list[ScoreComponent] = strawberry.field(description="各评分项 / Score components")
    reasons: list[RecommendationReason] = strawberry.field(description="理由 / Reasons")
    existing: bool = strawberry.field(description="是否已是合作伙伴 / Already a partner")
    scorer: str = strawberry.field(
        description="排序所用评分器：hand-weighted 或学习模型及其版本 / "
        "Which scorer ranked it: hand-weighted, or the learned model and its version"
    )

    @classmethod
    def from_domain(cls, rec: Recommendation) -> PartnerRecommendation:
        return cls(
            partner=entity_from_domain(rec.partner),
            score=rec.score,
            components=[
                ScoreComponent(
                    component=Component(c.name),
                    name=c.name,
                    score=c.score,
                    weight=c.weight,
                    contribution=c.contribution,
                )
                for c in rec.components
            ],
            reasons=[RecommendationReason.from_domain(r) for r in rec.reasons],
            existing=rec.existing,
            scorer=rec.scorer,
        )


@strawberry.type(description="四方团队：科学家+科服机构+创投家（及工作站或学会）/ A four-party team")
class TeamRecommendation:
    members: list[PartnerRecommendation] = strawberry.field(description="成员 / Members")
    score: float = strawberry.field(description="团队得分 / Team score")
    cohesion: float = strawberry.field(description="成员间已有联系的比例 / Share of member pairs already tied")
    reasons: list[RecommendationReason] = strawberry.field(description="团队理由 / Why these fit together")
    missing: list[str] = strawberry.field(
        description="无人可担的角色（实体类型）；为空即团队完整 / "
        "Roles no candidate could fill (kinds); empty when the team is complete"
    )

    @classmethod
    def from_domain(cls, team: Team) -> TeamRecommendation:
        return cls(
            members=[PartnerRecommendation.from_domain(m) for m in team.members],
            score=team.score,
            cohesion=team.cohesion,
            reasons=[RecommendationReason.from_domain(r) for r in team.reasons],
            missing=list(team.missing),
        )


@strawberry.type(description="需求中被理解的词及其对应领域 / A word of the need and the field it points to")
class UnderstoodWord:
    word: str = strawberry.field(description="需求中的词 / The word as written")
    field: str = strawberry.field(description="技术领域标识 / Field uid")
    name: str = strawberry.field(description="领域名称 / Field name")
    name_en: str | None = strawberry.field(description="领域英文名 / Field name in English")
    score: float = strawberry.field(description="该词对此领域得分的贡献，0 到 1 / Its part of the field's score")


@strawberry.type(description="需求匹配到的领域 / A field the need was matched to")
class NeedField:
    uid: str = strawberry.field(description="技术领域标识 / Field uid")
    score: float = strawberry.field(description="匹配得分，0 到 1（最佳为 1）/ Match score in (0, 1], the best is 1")


@strawberry.type(description="需求描述的理解结果 / How a need text was understood")
class NeedUnderstanding:
    fields: list[NeedField] = strawberry.field(description="匹配到的领域，最佳在前 / Fields matched, best first")
    understood: list[UnderstoodWord] = strawberry.field(description="被理解的词 / Words understood")
    not_understood: list[str] = strawberry.field(description="未能理解的词 / Words not understood")

    @classmethod
    def from_domain(cls, reading: NeedReading) -> NeedUnderstanding:
        return cls(
            fields=[NeedField(uid=uid, score=score) for uid, score in reading.fields.items()],
            understood=[
                UnderstoodWord(word=u.word, field=u.field, name=u.name, name_en=u.name_en, score=u.score)
                for u in reading.understood
            ],
            not_understood=list(reading.not_understood),
        )
