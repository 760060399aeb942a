"""The small ecosystem of tests/ecosystem.py with what the workflow tests broker: a chain, an agency, an achievement."""

from __future__ import annotations

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.workflow.needs import NeedDraft
from graph_service.store import GraphStore
from tests import ecosystem

K, R = EntityKind, RelationType

OWN = "ent:x"  # the enterprise whose token the tests hold (region 高新区, within 成都市)
OTHER = "ent:y"  # another enterprise (region 成都市)
CHAIN = "c:x"  # its one segment requires field:semi
EMPTY_CHAIN = "c:empty"  # a segment that requires no field


def build(store: GraphStore) -> None:
    ecosystem.build(store)
    write_entities(
        store,
        [
            EntityRecord(K.INDUSTRY_CHAIN, CHAIN, {"uid": CHAIN, "name": "示例产业链"}),
            EntityRecord(K.CHAIN_SEGMENT, "s:1", {"uid": "s:1", "name": "器件", "position": 1}),
            EntityRecord(K.INDUSTRY_CHAIN, EMPTY_CHAIN, {"uid": EMPTY_CHAIN, "name": "空产业链"}),
            EntityRecord(K.CHAIN_SEGMENT, "s:2", {"uid": "s:2", "name": "空环节", "position": 1}),
            EntityRecord(K.FIELD, "field:bio", {"uid": "field:bio", "name": "生物医药"}),
            EntityRecord(K.SERVICE_AGENCY, "ag:1", {"uid": "ag:1", "name": "示例转移中心", "region": "成都市"}),
            EntityRecord(K.ACHIEVEMENT, "ach:1", {"uid": "ach:1", "name": "示例功率器件专利"}),
        ],
    )
    write_relations(
        store,
        [
            RelationRecord(R.PART_OF, "s:1", CHAIN, {}),
            RelationRecord(R.PART_OF, "s:2", EMPTY_CHAIN, {}),
            RelationRecord(R.REQUIRES, "s:1", "field:semi", {}),
            RelationRecord(R.IN_FIELD, "ag:1", "field:semi", {}),
            RelationRecord(R.IN_FIELD, "ach:1", "field:semi", {}),
        ],
    )


def need_draft(**given: object) -> NeedDraft:
    """A valid need of OWN in field:semi, with ``given`` changed."""
    values: dict[str, object] = {"text": "功率半导体器件封装可靠性测试", "enterprise": OWN, "fields": ["field:semi"]}
    values.update(given)
    return NeedDraft(**values)  # type: ignore[arg-type]
