"""Entity kinds of the innovation ecosystem and the properties each carries.

Every entity is stored with two labels: ``Entity`` (so any node is found by its
``uid`` through one index) and its kind's label. The kind's label is also stored as
the ``kind`` property so queries can return it without engine-specific label calls.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from graph_service.ontology.properties import (
    PropertySpec,
    boolean,
    integer,
    number,
    string,
    string_list,
)

ENTITY_LABEL = "Entity"


class EntityKind(enum.Enum):
    """The kinds of entity; each value is the kind's node label."""

    SCIENTIST = "Scientist"
    SOCIETY = "Society"
    ENTERPRISE = "Enterprise"
    PARK = "Park"
    INVESTOR = "Investor"
    SERVICE_AGENCY = "ServiceAgency"
    INSTITUTION = "Institution"
    WORKSTATION = "Workstation"
    ACHIEVEMENT = "Achievement"
    FIELD = "Field"
    INDUSTRY_CHAIN = "IndustryChain"
    CHAIN_SEGMENT = "ChainSegment"
    REGION = "Region"
    PROGRAMME = "Programme"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class KindSpec:
    """What one kind is called and which properties it has besides the common ones."""

    kind: EntityKind
    zh: str
    en: str
    description_zh: str
    description_en: str
    properties: tuple[PropertySpec, ...]
    headers: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.kind.value

    @property
    def words(self) -> str:
        """The kind's name in both languages, as reports print it: ``科学家 / Scientist``."""
        return f"{self.zh} / {self.en}"


COMMON_PROPERTIES: tuple[PropertySpec, ...] = (
    string("uid", "唯一标识", "Unique id", required=True, headers=("标识", "编号", "ID")),
    string("name", "名称", "Name", required=True, headers=("名称", "姓名", "名字")),
    string("name_en", "英文名称", "English name", headers=("英文名", "英文名称")),
    string_list("aliases", "别名", "Aliases", headers=("别名", "简称")),
    string("region", "所属区县", "Region", headers=("所属区县", "所属地区", "地区", "区县", "城市")),
    string_list("tags", "标签", "Tags", headers=("标签",)),
    string("description", "简介", "Description", headers=("简介", "描述", "说明")),
    string("source", "来源", "Source", headers=("来源", "数据来源")),
    boolean("synthetic", "合成数据", "Synthetic", headers=("合成", "是否合成")),
)

_ORG_CONTACT = (string("website", "网站", "Website", headers=("网站", "网址")),)

_SOCIETY_LEVELS = ("national", "provincial", "municipal", "district", "enterprise", "park")
_WORKSTATION_KINDS = (
    "academician",
    "expert",
    "overseas",
    "young_scientist",
    "service_station",
    "offshore_base",
)
_FUND_TYPES = ("vc", "angel", "guidance", "seed", "pe", "bank", "corporate")
STAGES = ("seed", "angel", "a", "b", "c", "growth", "pre_ipo", "listed")
_SERVICES = ("transfer", "ip", "testing", "incubation", "finance", "legal", "consulting", "training")

KIND_SPECS: dict[EntityKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            EntityKind.SCIENTIST,
            "科技工作者",
            "Scientist",
            "科技工作者、专家或院士",
            "A researcher, expert or academician",
            (
                string("title", "职称", "Title", headers=("职称", "职务")),
                boolean("is_academician", "院士", "Academician", headers=("是否院士", "院士")),
                boolean("overseas", "海外人才", "Overseas talent", headers=("海外人才", "海智")),
                boolean("young", "青年科学家", "Young scientist", headers=("青年科学家",)),
                string("gender", "性别", "Gender", choices=("female", "male"), headers=("性别",)),
                string("phone", "电话", "Phone", personal=True, headers=("电话", "手机", "联系电话")),
                string("email", "电子邮箱", "E-mail", personal=True, headers=("邮箱", "电子邮箱")),
            ),
            headers=("科技工作者", "专家", "科学家"),
        ),
        KindSpec(
            EntityKind.SOCIETY,
            "学会/协会",
            "Society",
            "学会、协会、研究会或科协组织",
            "A scientific society, association or science-and-technology association",
            (
                string("level", "级别", "Level", choices=_SOCIETY_LEVELS, headers=("级别", "层级")),
                string("rating", "评级", "Rating", headers=("评级", "等级")),
                string(
                    "category",
                    "类别",
                    "Category",
                    choices=("society", "association", "enterprise_association", "park_association", "union"),
                    headers=("类别",),
                ),
                boolean("service_station", "服务站", "Service station", headers=("服务站",)),
                *_ORG_CONTACT,
            ),
            headers=("学会", "协会"),
        ),
        KindSpec(
            EntityKind.ENTERPRISE,
            "企业",
            "Enterprise",
            "企业",
            "A company",
            (
                boolean("chain_leader", "链主企业", "Chain leader", headers=("链主", "链主企业")),
                boolean("specialised", "专精特新", "Specialised SME", headers=("专精特新",)),
                boolean("high_tech", "高新技术企业", "High-tech enterprise", headers=("高新技术企业", "高企")),
                boolean("tech_sme", "科技型中小企业", "Tech SME", headers=("科技型中小企业",)),
                string("stage", "发展阶段", "Stage", choices=STAGES, headers=("发展阶段", "阶段")),
                string("size", "规模", "Size", choices=("micro", "small", "medium", "large"), headers=("规模",)),
                integer("founded", "成立年份", "Founded", headers=("成立年份",), minimum=1800, maximum=2100),
                integer("employees", "员工数", "Employees", headers=("员工数", "员工人数"), minimum=0),
                *_ORG_CONTACT,
            ),
            headers=("企业", "公司"),
        ),
        KindSpec(
            EntityKind.PARK,
            "园区",
            "Park",
            "产业园区或高新区",
            "An industrial park or high-tech zone",
            (
                string(
                    "level",
                    "级别",
                    "Level",
                    choices=("national", "provincial", "municipal", "district"),
                    headers=("级别",),
                ),
                string_list("focus_industries", "主导产业", "Focus industries", headers=("主导产业",)),
                string("district", "所在区县", "District", headers=("所在区县",)),
            ),
            headers=("园区",),
        ),
        KindSpec(
            EntityKind.INVESTOR,
            "创投机构",
            "Investor",
            "创投机构、基金或金融机构",
            "A venture investor, fund or financial institution",
            (
                string("fund_type", "基金类型", "Fund type", choices=_FUND_TYPES, headers=("基金类型", "机构类型")),
                string_list("stages", "投资阶段", "Stages", choices=STAGES, headers=("投资阶段",)),
                string_list("sectors", "投资领域", "Sectors", headers=("投资领域", "关注领域")),
                number("fund_size", "基金规模(万元)", "Fund size (10k CNY)", headers=("基金规模",), minimum=0),
            ),
            headers=("创投机构", "投资机构", "基金"),
        ),
        KindSpec(
            EntityKind.SERVICE_AGENCY,
            "科技服务机构",
            "Service agency",
            "技术转移、知识产权、检测、孵化、金融、法律等科技服务机构",
            "A technology-service agency: transfer, IP, testing, incubation, finance, legal",
            (
                string_list("services", "服务类型", "Services", choices=_SERVICES, headers=("服务类型", "服务内容")),
                string("accreditation", "资质", "Accreditation", headers=("资质", "认定")),
            ),
            headers=("科技服务机构", "科服机构", "服务机构"),
        ),
        KindSpec(
            EntityKind.INSTITUTION,
            "高校/科研院所",
            "Institution",
            "高校、科研院所或实验室",
            "A university, research institute or laboratory",
            (
                string(
                    "institution_type",
                    "机构类型",
                    "Institution type",
                    choices=("university", "institute", "laboratory", "hospital", "platform"),
                    headers=("机构类型",),
                ),
            ),
            headers=("高校", "科研院所", "研究机构"),
        ),
        KindSpec(
            EntityKind.WORKSTATION,
            "工作站",
            "Workstation",
            "院士(专家)工作站、海智工作站、青年科学家工作室等",
            "An academician, expert, overseas-talent or young-scientist workstation",
            (
                string(
                    "station_kind",
                    "工作站类型",
                    "Workstation kind",
                    choices=_WORKSTATION_KINDS,
                    headers=("工作站类型",),
                ),
                string(
                    "level",
                    "级别",
                    "Level",
                    choices=("national", "provincial", "municipal", "district"),
                    headers=("级别",),
                ),
                integer("established", "设立年份", "Established", headers=("设立年份",), minimum=1900, maximum=2100),
                string("status", "状态", "Status", choices=("active", "under_review", "exited"), headers=("状态",)),
            ),
            headers=("工作站",),
        ),
        KindSpec(
            EntityKind.ACHIEVEMENT,
            "科技成果",
            "Achievement",
            "专利、技术或其他科技成果",
            "A patent, technology or other research result",
            (
                string(
                    "achievement_type",
                    "成果类型",
                    "Type",
                    choices=("patent", "technology", "software", "standard", "variety"),
                    headers=("成果类型",),
                ),
                integer(
                    "trl",
                    "技术成熟度",
                    "Technology readiness level",
                    headers=("技术成熟度", "TRL"),
                    minimum=1,
                    maximum=9,
                ),
                string(
                    "status",
                    "转化状态",
                    "Status",
                    choices=("available", "licensed", "transferred"),
                    headers=("转化状态", "状态"),
                ),
                integer("year", "年份", "Year", headers=("年份",), minimum=1900, maximum=2100),
            ),
            headers=("科技成果", "成果"),
        ),
        KindSpec(
            EntityKind.FIELD,
            "技术领域",
            "Field",
            "技术领域或学科，按层级组织",
            "A technology field or discipline in a hierarchy",
            (integer("depth", "层级", "Depth", headers=("层级",), minimum=0, maximum=10),),
            headers=("技术领域", "领域", "学科"),
        ),
        KindSpec(
            EntityKind.INDUSTRY_CHAIN,
            "产业链",
            "Industry chain",
            "区域重点产业链",
            "An industry chain of the region",
            (),
            headers=("产业链",),
        ),
        KindSpec(
            EntityKind.CHAIN_SEGMENT,
            "产业链环节",
            "Chain segment",
            "产业链中的一个环节，自上游到下游排序",
            "One segment of an industry chain, ordered upstream to downstream",
            (
                integer("position", "顺序", "Position", headers=("顺序", "序号"), minimum=0),
                string(
                    "stream",
                    "上中下游",
                    "Stream",
                    choices=("upstream", "midstream", "downstream"),
                    headers=("上中下游",),
                ),
            ),
            headers=("环节", "产业链环节"),
        ),
        KindSpec(
            EntityKind.REGION,
            "地区",
            "Region",
            "省、市或区县",
            "A province, city or district",
            (
                string(
                    "level",
                    "行政级别",
                    "Level",
                    choices=("province", "city", "district", "zone"),
                    headers=("行政级别",),
                ),
            ),
            headers=("地区", "区县", "城市"),
        ),
        KindSpec(
            EntityKind.PROGRAMME,
            "计划/平台",
            "Programme",
            "科协的计划、平台、品牌或网络，如科创生态伙伴计划、科创中国",
            "A programme, platform or brand of an association, e.g. the ecosystem-partner programme",
            (
                string(
                    "programme_type",
                    "计划类型",
                    "Programme type",
                    choices=("programme", "platform", "brand", "network", "fund", "base"),
                    headers=("计划类型", "平台类型"),
                ),
            ),
            headers=("计划", "平台"),
        ),
    )
}

# Kinds that act in the ecosystem (as opposed to taxonomy, chains, places and programmes).
ACTOR_KINDS: frozenset[EntityKind] = frozenset(
    {
        EntityKind.SCIENTIST,
        EntityKind.SOCIETY,
        EntityKind.ENTERPRISE,
        EntityKind.PARK,
        EntityKind.INVESTOR,
        EntityKind.SERVICE_AGENCY,
        EntityKind.INSTITUTION,
        EntityKind.WORKSTATION,
    }
)

ORGANISATION_KINDS: frozenset[EntityKind] = ACTOR_KINDS - {EntityKind.SCIENTIST}


_KIND_PROPERTIES = {kind: COMMON_PROPERTIES + spec.properties for kind, spec in KIND_SPECS.items()}


def kind_properties(kind: EntityKind) -> tuple[PropertySpec, ...]:
    """Common properties followed by the kind's own (the same tuple every time)."""
    return _KIND_PROPERTIES[kind]
