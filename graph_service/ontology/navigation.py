"""How each kind reaches its neighbours: the relationship fields of the API, by name.

Each ``Link`` is one named way from an entity of ``kind`` along ``rel`` (outgoing or
incoming) to entities of ``others``. The GraphQL schema builds one connection field per
link; nothing else names relationship fields.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from graph_service.ontology.kinds import EntityKind
from graph_service.ontology.relations import RELATION_SPECS, RelationType

K = EntityKind
R = RelationType


class Direction(enum.Enum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class Link:
    """A relationship field: ``kind.field`` follows ``rel`` in ``direction`` to ``others``."""

    kind: EntityKind
    field: str
    rel: RelationType
    direction: Direction
    others: frozenset[EntityKind]
    zh: str
    en: str


def _link(kind: K, field: str, rel: R, direction: Direction, others: set[K] | None, zh: str, en: str) -> Link:
    spec = RELATION_SPECS[rel]
    if direction is Direction.OUT:
        assert kind in spec.sources, (kind, rel)
        allowed = spec.targets
    elif direction is Direction.IN:
        assert kind in spec.targets, (kind, rel)
        allowed = spec.sources
    else:
        allowed = spec.sources | spec.targets
    chosen = frozenset(others) if others else allowed
    assert chosen <= allowed, (kind, field)
    return Link(kind, field, rel, direction, chosen, zh, en)


OUT, IN, BOTH = Direction.OUT, Direction.IN, Direction.BOTH

LINKS: tuple[Link, ...] = (
    # Scientist
    _link(K.SCIENTIST, "affiliations", R.AFFILIATED_WITH, OUT, None, "任职单位", "Institutions and enterprises"),
    _link(K.SCIENTIST, "societies", R.MEMBER_OF, OUT, None, "所属学会", "Societies"),
    _link(K.SCIENTIST, "workstations", R.STATIONED_AT, OUT, None, "进站工作站", "Workstations"),
    _link(K.SCIENTIST, "achievements", R.DEVELOPED, OUT, None, "科技成果", "Achievements"),
    _link(K.SCIENTIST, "fields", R.IN_FIELD, OUT, None, "研究领域", "Fields"),
    _link(K.SCIENTIST, "collaborators", R.COLLABORATED_WITH, BOTH, None, "合作者", "Collaborators"),
    # Society
    _link(K.SOCIETY, "members", R.MEMBER_OF, IN, None, "会员", "Members"),
    _link(K.SOCIETY, "parentSocieties", R.MEMBER_OF, OUT, None, "上级组织", "Parent societies"),
    _link(K.SOCIETY, "fields", R.IN_FIELD, OUT, None, "学科领域", "Fields"),
    _link(K.SOCIETY, "programmes", R.PARTNER_OF, OUT, None, "参与计划", "Programmes"),
    _link(K.SOCIETY, "workstations", R.HOSTED_BY, IN, None, "依托工作站", "Hosted workstations"),
    # Enterprise
    _link(K.ENTERPRISE, "investors", R.INVESTED_IN, IN, None, "投资方", "Investors"),
    _link(K.ENTERPRISE, "serviceAgencies", R.SERVES, IN, None, "服务机构", "Service agencies"),
    _link(K.ENTERPRISE, "park", R.LOCATED_IN, OUT, {K.PARK}, "所在园区", "Parks"),
    _link(K.ENTERPRISE, "needs", R.NEEDS, OUT, None, "技术需求", "Technology needs"),
    _link(K.ENTERPRISE, "fields", R.IN_FIELD, OUT, None, "业务领域", "Fields"),
    _link(K.ENTERPRISE, "segments", R.IN_SEGMENT, OUT, None, "产业链环节", "Chain segments"),
    _link(K.ENTERPRISE, "societies", R.MEMBER_OF, OUT, None, "所属学会", "Societies"),
    _link(K.ENTERPRISE, "staff", R.AFFILIATED_WITH, IN, None, "科技人员", "Scientists"),
    _link(K.ENTERPRISE, "workstations", R.HOSTED_BY, IN, None, "依托工作站", "Hosted workstations"),
    _link(K.ENTERPRISE, "acquiredAchievements", R.TRANSFERRED_TO, IN, None, "承接成果", "Achievements transferred in"),
    _link(K.ENTERPRISE, "collaborators", R.COLLABORATED_WITH, BOTH, None, "合作方", "Collaborators"),
    _link(K.ENTERPRISE, "programmes", R.PARTNER_OF, OUT, None, "参与计划", "Programmes"),
    # Park
    _link(K.PARK, "enterprises", R.LOCATED_IN, IN, {K.ENTERPRISE}, "入驻企业", "Enterprises"),
    _link(K.PARK, "residents", R.LOCATED_IN, IN, None, "入驻机构", "All residents"),
    _link(K.PARK, "serviceAgencies", R.SERVES, IN, None, "服务机构", "Service agencies"),
    _link(K.PARK, "chains", R.FOCUSES_ON, OUT, None, "主导产业链", "Focus chains"),
    _link(K.PARK, "regions", R.LOCATED_IN, OUT, {K.REGION}, "所在地区", "Regions"),
    # Investor
    _link(K.INVESTOR, "portfolio", R.INVESTED_IN, OUT, None, "投资企业", "Portfolio enterprises"),
    _link(K.INVESTOR, "fields", R.IN_FIELD, OUT, None, "关注领域", "Fields"),
    _link(K.INVESTOR, "chains", R.FOCUSES_ON, OUT, None, "关注产业链", "Focus chains"),
    # ServiceAgency
    _link(K.SERVICE_AGENCY, "clients", R.SERVES, OUT, None, "服务对象", "Clients"),
    _link(K.SERVICE_AGENCY, "brokered", R.BROKERED, OUT, None, "促成转化的成果", "Brokered achievements"),
    _link(K.SERVICE_AGENCY, "fields", R.IN_FIELD, OUT, None, "服务领域", "Fields"),
    # Institution
    _link(K.INSTITUTION, "staff", R.AFFILIATED_WITH, IN, None, "科技人员", "Scientists"),
    _link(K.INSTITUTION, "achievements", R.DEVELOPED, OUT, None, "科技成果", "Achievements"),
    _link(K.INSTITUTION, "workstations", R.HOSTED_BY, IN, None, "依托工作站", "Hosted workstations"),
    _link(K.INSTITUTION, "fields", R.IN_FIELD, OUT, None, "学科领域", "Fields"),
    # Workstation
    _link(K.WORKSTATION, "scientists", R.STATIONED_AT, IN, None, "进站专家", "Stationed scientists"),
    _link(K.WORKSTATION, "host", R.HOSTED_BY, OUT, None, "依托单位", "Host organisation"),
    _link(K.WORKSTATION, "fields", R.IN_FIELD, OUT, None, "领域", "Fields"),
    # Achievement
    _link(K.ACHIEVEMENT, "developers", R.DEVELOPED, IN, None, "完成人/单位", "Developers"),
    _link(K.ACHIEVEMENT, "transferredTo", R.TRANSFERRED_TO, OUT, None, "转化企业", "Receiving enterprises"),
    _link(K.ACHIEVEMENT, "brokers", R.BROKERED, IN, None, "促成机构", "Brokering agencies"),
    _link(K.ACHIEVEMENT, "fields", R.IN_FIELD, OUT, None, "技术领域", "Fields"),
    # Field
    _link(K.FIELD, "broader", R.BROADER, OUT, None, "上位领域", "Broader fields"),
    _link(K.FIELD, "narrower", R.BROADER, IN, None, "下位领域", "Narrower fields"),
    _link(K.FIELD, "actors", R.IN_FIELD, IN, None, "该领域的主体", "Entities in the field"),
    _link(K.FIELD, "neededBy", R.NEEDS, IN, None, "有需求的企业", "Enterprises needing it"),
    # IndustryChain / ChainSegment
    _link(K.INDUSTRY_CHAIN, "segments", R.PART_OF, IN, None, "环节", "Segments"),
    _link(K.INDUSTRY_CHAIN, "parks", R.FOCUSES_ON, IN, None, "聚焦园区/机构", "Parks and others focusing on it"),
    _link(K.CHAIN_SEGMENT, "chain", R.PART_OF, OUT, None, "所属产业链", "Chain"),
    _link(K.CHAIN_SEGMENT, "next", R.NEXT, OUT, None, "下游环节", "Next segment"),
    _link(K.CHAIN_SEGMENT, "previous", R.NEXT, IN, None, "上游环节", "Previous segment"),
    _link(K.CHAIN_SEGMENT, "requires", R.REQUIRES, OUT, None, "所需领域", "Required fields"),
    _link(K.CHAIN_SEGMENT, "enterprises", R.IN_SEGMENT, IN, None, "企业", "Enterprises"),
    # Region
    _link(K.REGION, "within", R.WITHIN, OUT, None, "上级地区", "Parent region"),
    _link(K.REGION, "subregions", R.WITHIN, IN, None, "下级地区", "Sub-regions"),
    _link(K.REGION, "residents", R.LOCATED_IN, IN, None, "区内主体", "Entities located here"),
    # Programme
    _link(K.PROGRAMME, "partners", R.PARTNER_OF, IN, None, "伙伴单位", "Partners"),
)


def links_of(kind: EntityKind) -> list[Link]:
    """The relationship fields of ``kind`` in declaration order."""
    return [link for link in LINKS if link.kind is kind]
