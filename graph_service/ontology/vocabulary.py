"""What each closed-vocabulary value is called, in Chinese and English (national -> 国家级).

Values are stored as short English codes; people read and type them in words. One table
for every property with ``choices``; a value that means something else under another
property (a seed-stage company, a seed fund) has its own entry for that property.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph_service.ontology.kinds import EntityKind, kind_properties
from graph_service.ontology.properties import PropertySpec
from graph_service.ontology.relations import RELATION_SPECS

VALUE_LABELS: dict[str, tuple[str, str]] = {
    # levels
    "national": ("国家级", "National"),
    "provincial": ("省级", "Provincial"),
    "municipal": ("市级", "Municipal"),
    "district": ("区县级", "District"),
    "enterprise": ("企业", "Enterprise"),
    "park": ("园区", "Park"),
    "province": ("省", "Province"),
    "city": ("市", "City"),
    "zone": ("新区/经济区", "Zone"),
    # stages (enterprise and investment)
    "seed": ("种子期", "Seed"),
    "angel": ("天使轮", "Angel"),
    "a": ("A轮", "Series A"),
    "b": ("B轮", "Series B"),
    "c": ("C轮", "Series C"),
    "growth": ("成长期", "Growth"),
    "pre_ipo": ("拟上市", "Pre-IPO"),
    "listed": ("已上市", "Listed"),
    # sizes
    "micro": ("微型", "Micro"),
    "small": ("小型", "Small"),
    "medium": ("中型", "Medium"),
    "large": ("大型", "Large"),
    # society categories
    "society": ("学会", "Society"),
    "association": ("协会", "Association"),
    "enterprise_association": ("企业科协", "Enterprise association"),
    "park_association": ("园区科协", "Park association"),
    "union": ("联合会", "Union"),
    # fund types
    "vc": ("风险投资", "Venture capital"),
    "pe": ("私募股权", "Private equity"),
    "corporate": ("产业资本", "Corporate venture"),
    "guidance": ("政府引导基金", "Government guidance fund"),
    "bank": ("银行", "Bank"),
    # services
    "transfer": ("技术转移", "Technology transfer"),
    "ip": ("知识产权", "Intellectual property"),
    "testing": ("检验检测", "Testing"),
    "incubation": ("孵化", "Incubation"),
    "consulting": ("咨询", "Consulting"),
    "finance": ("科技金融", "Finance"),
    "legal": ("法律", "Legal"),
    "training": ("培训", "Training"),
    # institutions
    "university": ("高校", "University"),
    "institute": ("科研院所", "Research institute"),
    "laboratory": ("实验室", "Laboratory"),
    "hospital": ("医院", "Hospital"),
    "platform": ("平台", "Platform"),
    # workstations
    "academician": ("院士（专家）工作站", "Academician workstation"),
    "expert": ("专家工作站", "Expert workstation"),
    "young_scientist": ("青年科学家工作站", "Young scientist workstation"),
    "overseas": ("海外人才工作站", "Overseas talent workstation"),
    "offshore_base": ("离岸创新基地", "Offshore innovation base"),
    "service_station": ("服务站", "Service station"),
    "active": ("运行中", "Active"),
    "under_review": ("评估中", "Under review"),
    "exited": ("已退出", "Exited"),
    # achievements
    "patent": ("专利", "Patent"),
    "technology": ("技术", "Technology"),
    "software": ("软件", "Software"),
    "standard": ("标准", "Standard"),
    "variety": ("新品种", "New variety"),
    "available": ("待转化", "Available"),
    "licensed": ("已许可", "Licensed"),
    "transferred": ("已转化", "Transferred"),
    # programmes
    "base": ("基地", "Base"),
    "brand": ("品牌活动", "Brand"),
    "fund": ("基金", "Fund"),
    "network": ("网络/联盟", "Network"),
    "programme": ("计划", "Programme"),
    # chain segments
    "upstream": ("上游", "Upstream"),
    "midstream": ("中游", "Midstream"),
    "downstream": ("下游", "Downstream"),
    # people
    "female": ("女", "Female"),
    "male": ("男", "Male"),
    # transfer modes
    "license": ("许可", "Licence"),
    "equity": ("作价入股", "Equity"),
    "joint": ("合作开发", "Joint development"),
}
# Where a value means something else under one property.
PROPERTY_VALUE_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("fund_type", "angel"): ("天使投资", "Angel investor"),
    ("fund_type", "seed"): ("种子基金", "Seed fund"),
    ("mode", "transfer"): ("转让", "Assignment"),
    ("level", "enterprise"): ("企业级", "Enterprise level"),
    ("level", "park"): ("园区级", "Park level"),
}


def value_label(prop: str, value: str) -> tuple[str, str]:
    """The value's name under ``prop`` in Chinese and English; the code itself when unnamed.

    >>> value_label("level", "national"), value_label("fund_type", "seed")
    (('国家级', 'National'), ('种子基金', 'Seed fund'))
    """
    return PROPERTY_VALUE_LABELS.get((prop, value)) or VALUE_LABELS.get(value) or (value, value)


def choice_properties() -> Iterator[PropertySpec]:
    """Every property, of an entity kind or a relation type, that has a closed vocabulary."""
    for kind in EntityKind:
        yield from (p for p in kind_properties(kind) if p.choices)
    for spec in RELATION_SPECS.values():
        yield from (p for p in spec.properties if p.choices)


def vocabulary() -> dict[str, dict[str, tuple[str, str]]]:
    """Per property name, each of its values with its names: what a reader of the data sees."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for prop in choice_properties():
        out.setdefault(prop.name, {}).update({value: value_label(prop.name, value) for value in prop.choices})
    return out
