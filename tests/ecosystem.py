"""A small hand-built ecosystem whose answers are known, written through the real write path."""

from __future__ import annotations

from typing import Any

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore

K, R = EntityKind, RelationType

ENTITIES: list[tuple[EntityKind, str, str, dict[str, Any]]] = [
    (K.REGION, "region:sichuan", "四川省", {"level": "province"}),
    (K.REGION, "region:chengdu", "成都市", {"level": "city"}),
    (K.REGION, "region:gaoxin", "高新区", {"level": "district"}),
    (
        K.PARK,
        "park:gaoxin",
        "成都高新区",
        {"name_en": "Chengdu Hi-tech Zone", "region": "成都市", "aliases": ["成都高新技术产业开发区"]},
    ),
    (K.SOCIETY, "soc:tianfu", "天府青百会", {"region": "成都市", "level": "municipal"}),
    (K.SOCIETY, "soc:elec", "四川省电子学会", {"region": "成都市", "level": "provincial", "rating": "5A"}),
    (
        K.SCIENTIST,
        "sci:a",
        "甲研究员（虚构）",
        {"region": "成都市", "is_academician": True, "email": "a@example.invalid"},
    ),
    (K.SCIENTIST, "sci:b", "乙工程师（虚构）", {"region": "成都市"}),
    (K.SCIENTIST, "sci:c", "丙博士（虚构）", {"region": "高新区"}),
    (K.INSTITUTION, "inst:u", "示例大学", {"region": "成都市", "institution_type": "university"}),
    (K.ENTERPRISE, "ent:x", "示例·蓉芯微电子有限公司", {"region": "高新区", "specialised": True}),
    (K.ENTERPRISE, "ent:y", "示例·天府储能科技有限公司", {"region": "成都市"}),
    (K.INVESTOR, "inv:v", "示例创投基金", {"region": "成都市", "fund_type": "vc"}),
    (K.FIELD, "field:semi", "功率半导体", {"name_en": "Power semiconductors"}),
]

RELATIONS: list[tuple[RelationType, str, str, dict[str, Any]]] = [
    (R.WITHIN, "region:chengdu", "region:sichuan", {}),
    (R.WITHIN, "region:gaoxin", "region:chengdu", {}),
    (R.LOCATED_IN, "park:gaoxin", "region:gaoxin", {}),
    (R.LOCATED_IN, "ent:x", "park:gaoxin", {}),
    (R.MEMBER_OF, "sci:a", "soc:elec", {"since": 2019}),
    (R.MEMBER_OF, "sci:b", "soc:elec", {"since": 2021}),
    (R.MEMBER_OF, "sci:c", "soc:tianfu", {}),
    (R.AFFILIATED_WITH, "sci:a", "inst:u", {}),
    (R.AFFILIATED_WITH, "sci:c", "ent:x", {}),
    (R.COLLABORATED_WITH, "sci:b", "sci:c", {"year": 2023}),
    (R.INVESTED_IN, "inv:v", "ent:x", {"round": "A", "amount": 3000.0, "year": 2024}),
    (R.IN_FIELD, "sci:a", "field:semi", {"weight": 0.9}),
    (R.IN_FIELD, "ent:y", "field:semi", {"weight": 0.5}),
]


def build(store: GraphStore) -> None:
    write_entities(store, [EntityRecord(k, uid, {"uid": uid, "name": name, **p}) for k, uid, name, p in ENTITIES])
    write_relations(store, [RelationRecord(r, s, t, p) for r, s, t, p in RELATIONS])
