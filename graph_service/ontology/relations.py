"""Relationship types, the (source kind, target kind) pairs each may connect, and their properties.

A relationship is identified by (source uid, type, target uid): there is at most one
relationship of a type between two entities, and writing it again updates its properties.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from graph_service.ontology.kinds import ACTOR_KINDS, ORGANISATION_KINDS, EntityKind
from graph_service.ontology.properties import PropertySpec, integer, number, string

K = EntityKind


class RelationType(enum.Enum):
    """The relationship types; each value is the relationship type's name in Cypher."""

    AFFILIATED_WITH = "AFFILIATED_WITH"
    MEMBER_OF = "MEMBER_OF"
    IN_FIELD = "IN_FIELD"
    NEEDS = "NEEDS"
    LOCATED_IN = "LOCATED_IN"
    INVESTED_IN = "INVESTED_IN"
    SERVES = "SERVES"
    STATIONED_AT = "STATIONED_AT"
    HOSTED_BY = "HOSTED_BY"
    DEVELOPED = "DEVELOPED"
    TRANSFERRED_TO = "TRANSFERRED_TO"
    BROKERED = "BROKERED"
    IN_SEGMENT = "IN_SEGMENT"
    PART_OF = "PART_OF"
    NEXT = "NEXT"
    REQUIRES = "REQUIRES"
    FOCUSES_ON = "FOCUSES_ON"
    COLLABORATED_WITH = "COLLABORATED_WITH"
    PARTNER_OF = "PARTNER_OF"
    BROADER = "BROADER"
    WITHIN = "WITHIN"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class RelationSpec:
    """One relationship type: what it is called and which kinds it may connect."""

    type: RelationType
    zh: str
    en: str
    sources: frozenset[EntityKind]
    targets: frozenset[EntityKind]
    properties: tuple[PropertySpec, ...] = ()
    symmetric: bool = False

    def allows(self, source: EntityKind, target: EntityKind) -> bool:
        return source in self.sources and target in self.targets

    @property
    def pairs(self) -> list[tuple[EntityKind, EntityKind]]:
        return sorted(
            ((s, t) for s in self.sources for t in self.targets),
            key=lambda pair: (pair[0].value, pair[1].value),
        )


def _kinds(*kinds: EntityKind | Iterable[EntityKind]) -> frozenset[EntityKind]:
    out: set[EntityKind] = set()
    for item in kinds:
        if isinstance(item, EntityKind):
            out.add(item)
        else:
            out.update(item)
    return frozenset(out)


_YEAR = integer("year", "年份", "Year", headers=("年份", "年度"), minimum=1900, maximum=2100)
_SINCE = integer("since", "起始年份", "Since", headers=("起始年份", "加入年份"), minimum=1900, maximum=2100)
_WEIGHT = number("weight", "权重", "Weight", headers=("权重",), minimum=0, maximum=1)
_DATE = string("date", "日期", "Date", headers=("日期",))
_ROLE = string("role", "角色", "Role", headers=("角色", "职务"))

RELATION_SPECS: dict[RelationType, RelationSpec] = {
    spec.type: spec
    for spec in (
        RelationSpec(
            RelationType.AFFILIATED_WITH,
            "任职于",
            "Affiliated with",
            _kinds(K.SCIENTIST),
            _kinds(K.INSTITUTION, K.ENTERPRISE),
            (_ROLE, _SINCE),
        ),
        RelationSpec(
            RelationType.MEMBER_OF,
            "会员/成员",
            "Member of",
            _kinds(K.SCIENTIST, K.ENTERPRISE, K.INSTITUTION, K.SOCIETY),
            _kinds(K.SOCIETY),
            (_ROLE, _SINCE),
        ),
        RelationSpec(
            RelationType.IN_FIELD,
            "研究/业务领域",
            "In field",
            _kinds(ACTOR_KINDS, K.ACHIEVEMENT),
            _kinds(K.FIELD),
            (_WEIGHT,),
        ),
        RelationSpec(
            RelationType.NEEDS,
            "技术需求",
            "Needs",
            _kinds(K.ENTERPRISE),
            _kinds(K.FIELD),
            (
                integer("priority", "优先级", "Priority", headers=("优先级",), minimum=1, maximum=5),
                string("description", "需求描述", "Description", headers=("需求描述", "需求")),
                _YEAR,
            ),
        ),
        RelationSpec(
            RelationType.LOCATED_IN,
            "位于",
            "Located in",
            _kinds(ORGANISATION_KINDS - {K.PARK}, K.SCIENTIST, K.PARK),
            _kinds(K.PARK, K.REGION),
        ),
        RelationSpec(
            RelationType.INVESTED_IN,
            "投资",
            "Invested in",
            _kinds(K.INVESTOR),
            _kinds(K.ENTERPRISE),
            (
                string("round", "轮次", "Round", headers=("轮次", "融资轮次")),
                number("amount", "金额(万元)", "Amount (10k CNY)", headers=("金额", "投资金额"), minimum=0),
                _DATE,
                _YEAR,
            ),
        ),
        RelationSpec(
            RelationType.SERVES,
            "服务",
            "Serves",
            _kinds(K.SERVICE_AGENCY),
            _kinds(K.ENTERPRISE, K.INSTITUTION, K.PARK),
            (string("service", "服务类型", "Service", headers=("服务类型",)), _YEAR),
        ),
        RelationSpec(
            RelationType.STATIONED_AT,
            "进站",
            "Stationed at",
            _kinds(K.SCIENTIST),
            _kinds(K.WORKSTATION),
            (_ROLE, _YEAR),
        ),
        RelationSpec(
            RelationType.HOSTED_BY,
            "依托单位",
            "Hosted by",
            _kinds(K.WORKSTATION),
            _kinds(K.ENTERPRISE, K.INSTITUTION, K.PARK, K.SOCIETY),
        ),
        RelationSpec(
            RelationType.DEVELOPED,
            "研发",
            "Developed",
            _kinds(K.SCIENTIST, K.INSTITUTION, K.ENTERPRISE),
            _kinds(K.ACHIEVEMENT),
            (_YEAR,),
        ),
        RelationSpec(
            RelationType.TRANSFERRED_TO,
            "转化至",
            "Transferred to",
            _kinds(K.ACHIEVEMENT),
            _kinds(K.ENTERPRISE),
            (
                string(
                    "mode",
                    "转化方式",
                    "Mode",
                    choices=("transfer", "license", "equity", "joint"),
                    headers=("转化方式",),
                ),
                number("value", "金额(万元)", "Value (10k CNY)", headers=("金额", "合同金额"), minimum=0),
                _DATE,
                _YEAR,
            ),
        ),
        RelationSpec(
            RelationType.BROKERED,
            "促成转化",
            "Brokered",
            _kinds(K.SERVICE_AGENCY),
            _kinds(K.ACHIEVEMENT),
            (_YEAR,),
        ),
        RelationSpec(
            RelationType.IN_SEGMENT,
            "属于环节",
            "In segment",
            _kinds(K.ENTERPRISE),
            _kinds(K.CHAIN_SEGMENT),
            (_ROLE,),
        ),
        RelationSpec(
            RelationType.PART_OF,
            "属于产业链",
            "Part of",
            _kinds(K.CHAIN_SEGMENT),
            _kinds(K.INDUSTRY_CHAIN),
        ),
        RelationSpec(
            RelationType.NEXT,
            "下游环节",
            "Next segment",
            _kinds(K.CHAIN_SEGMENT),
            _kinds(K.CHAIN_SEGMENT),
        ),
        RelationSpec(
            RelationType.REQUIRES,
            "需要领域",
            "Requires",
            _kinds(K.CHAIN_SEGMENT),
            _kinds(K.FIELD),
            (_WEIGHT,),
        ),
        RelationSpec(
            RelationType.FOCUSES_ON,
            "聚焦产业链",
            "Focuses on",
            _kinds(K.PARK, K.INVESTOR, K.SOCIETY),
            _kinds(K.INDUSTRY_CHAIN),
        ),
        RelationSpec(
            RelationType.COLLABORATED_WITH,
            "合作",
            "Collaborated with",
            _kinds(ACTOR_KINDS),
            _kinds(ACTOR_KINDS),
            (string("collaboration", "合作类型", "Kind of collaboration", headers=("合作类型", "合作方式")), _YEAR),
            symmetric=True,
        ),
        RelationSpec(
            RelationType.PARTNER_OF,
            "参与计划",
            "Partner of",
            _kinds(ORGANISATION_KINDS),
            _kinds(K.PROGRAMME),
            (_ROLE, _YEAR),
        ),
        RelationSpec(
            RelationType.BROADER,
            "上位领域",
            "Broader field",
            _kinds(K.FIELD),
            _kinds(K.FIELD),
        ),
        RelationSpec(
            RelationType.WITHIN,
            "隶属地区",
            "Within",
            _kinds(K.REGION),
            _kinds(K.REGION),
        ),
    )
}


def allowed_pairs_text(rel: RelationType) -> str:
    """The kinds a relationship may connect, as a readable list for error messages."""
    spec = RELATION_SPECS[rel]
    sources = "|".join(sorted(k.value for k in spec.sources))
    targets = "|".join(sorted(k.value for k in spec.targets))
    return f"({sources}) -[{rel.value}]-> ({targets})"
