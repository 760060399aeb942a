"""A small ecosystem for matchmaking events: four enterprises with needs, six partners, two fields."""

from __future__ import annotations

from typing import Any

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore

K, R = EntityKind, RelationType

ENTERPRISES = ["ent:chip", "ent:power", "ent:cell", "ent:grid"]
PARTNERS = ["sci:wang", "sci:li", "sci:zhao", "inv:fund", "agency:ip", "inst:lab"]

ENTITIES: list[tuple[EntityKind, str, str, dict[str, Any]]] = [
    (K.REGION, "region:chengdu", "成都市", {"level": "city", "name_en": "Chengdu"}),
    (K.FIELD, "field:semi", "功率半导体", {"name_en": "Power semiconductors"}),
    (K.FIELD, "field:battery", "储能电池", {"name_en": "Energy-storage batteries"}),
    (
        K.SOCIETY,
        "soc:elec",
        "四川省电子学会",
        {"region": "成都市", "rating": "5A", "name_en": "Sichuan Electronics Society"},
    ),
    (K.ENTERPRISE, "ent:chip", "示例·蓉芯微电子", {"region": "成都市", "name_en": "Rongxin Micro"}),
    (K.ENTERPRISE, "ent:power", "示例·天府功率器件", {"region": "成都市", "name_en": "Tianfu Power Devices"}),
    (K.ENTERPRISE, "ent:cell", "示例·锦江储能", {"region": "成都市", "name_en": "Jinjiang Storage"}),
    (K.ENTERPRISE, "ent:grid", "示例·岷江电网科技", {"region": "成都市", "name_en": "Minjiang Grid Tech"}),
    (
        K.SCIENTIST,
        "sci:wang",
        "王研究员（虚构）",
        {"region": "成都市", "is_academician": True, "name_en": "Prof. Wang"},
    ),
    (K.SCIENTIST, "sci:li", "李工程师（虚构）", {"region": "成都市", "name_en": "Li, engineer"}),
    (K.SCIENTIST, "sci:zhao", "赵博士（虚构）", {"region": "成都市", "name_en": "Dr Zhao"}),
    (K.INVESTOR, "inv:fund", "示例创投基金", {"region": "成都市", "fund_type": "vc", "name_en": "Example Ventures"}),
    (K.SERVICE_AGENCY, "agency:ip", "示例知识产权服务中心", {"region": "成都市", "name_en": "Example IP Centre"}),
    (K.INSTITUTION, "inst:lab", "示例储能实验室", {"region": "成都市", "name_en": "Example Storage Lab"}),
]

RELATIONS: list[tuple[RelationType, str, str, dict[str, Any]]] = [
    (R.NEEDS, "ent:chip", "field:semi", {"priority": 5}),
    (R.NEEDS, "ent:power", "field:semi", {"priority": 3}),
    (R.NEEDS, "ent:cell", "field:battery", {"priority": 5}),
    (R.NEEDS, "ent:grid", "field:battery", {"priority": 2}),
    (R.NEEDS, "ent:grid", "field:semi", {"priority": 2}),
    (R.IN_FIELD, "sci:wang", "field:semi", {"weight": 0.9}),
    (R.IN_FIELD, "sci:li", "field:semi", {"weight": 0.6}),
    (R.IN_FIELD, "sci:zhao", "field:battery", {"weight": 0.8}),
    (R.IN_FIELD, "inst:lab", "field:battery", {"weight": 0.9}),
    (R.IN_FIELD, "agency:ip", "field:semi", {"weight": 0.4}),
    (R.IN_FIELD, "inv:fund", "field:battery", {"weight": 0.5}),
    (R.MEMBER_OF, "sci:wang", "soc:elec", {}),
    (R.MEMBER_OF, "ent:chip", "soc:elec", {}),
    (R.MEMBER_OF, "ent:power", "soc:elec", {}),
    (R.COLLABORATED_WITH, "sci:zhao", "ent:grid", {"year": 2023}),
]


def build(store: GraphStore) -> None:
    write_entities(store, [EntityRecord(k, uid, {"uid": uid, "name": name, **p}) for k, uid, name, p in ENTITIES])
    write_relations(store, [RelationRecord(r, s, t, p) for r, s, t, p in RELATIONS])
