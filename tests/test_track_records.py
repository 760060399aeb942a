"""Records past the scoring cap: scores read a capped count, reasons state the whole one."""

from __future__ import annotations

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match.pairs import PairScorer
from graph_service.services.match.scoring import RECORD_CAP, Record, credibility
from graph_service.store import GraphStore

pytestmark = pytest.mark.both_engines

TRANSFERRED = RECORD_CAP + 3


@pytest.mark.parametrize("kind", ["Scientist", "ServiceAgency", "Institution", "Investor", "Enterprise"])
def test_credibility_is_full_at_the_record_cap(kind: str) -> None:
    assert credibility(Record(kind, {}, RECORD_CAP, RECORD_CAP)) == credibility(Record(kind, {}, 50, 50))
    assert credibility(Record(kind, {}, RECORD_CAP - 1, RECORD_CAP - 1)) <= credibility(Record(kind, {}, 50, 50))


def _agency_past_the_cap(store: GraphStore) -> None:
    def entity(kind: EntityKind, uid: str, name: str) -> EntityRecord:
        return EntityRecord(kind, uid, {"uid": uid, "name": name})

    achievements = [f"ach:{i:02d}" for i in range(TRANSFERRED + 2)]
    write_entities(
        store,
        [
            entity(EntityKind.SERVICE_AGENCY, "agency:big", "大成转化中心"),
            entity(EntityKind.ENTERPRISE, "ent:asker", "问询企业"),
            entity(EntityKind.ENTERPRISE, "ent:taker", "承接企业"),
            entity(EntityKind.ENTERPRISE, "ent:second", "另一承接企业"),
            *(entity(EntityKind.ACHIEVEMENT, a, f"成果{a[-2:]}") for a in achievements),
        ],
    )
    relations = [RelationRecord(RelationType.BROKERED, "agency:big", a, {}) for a in achievements]
    # Two achievements brokered but never transferred; one transferred twice (counted once).
    relations += [RelationRecord(RelationType.TRANSFERRED_TO, a, "ent:taker", {}) for a in achievements[:TRANSFERRED]]
    relations.append(RelationRecord(RelationType.TRANSFERRED_TO, achievements[0], "ent:second", {}))
    write_relations(store, relations)


def test_profiles_cap_the_record_and_reasons_state_it_whole(store: GraphStore) -> None:
    _agency_past_the_cap(store)
    profile = store.read(
        "recommend_profiles",
        {"uids": ["agency:big"], "ties": ["BROKERED"], "degree_cap": 100, "record_cap": RECORD_CAP},
    )
    assert profile[0]["transferred"] == RECORD_CAP

    scorer = PairScorer(store, ["agency:big"])
    pairs = scorer.score("ent:asker")
    texts = [(r.zh, r.en) for r in scorer.reasons(pairs, "agency:big")]
    assert (f"已促成{TRANSFERRED}项科技成果转化", f"Has brokered {TRANSFERRED} technology transfers") in texts
