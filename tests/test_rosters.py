"""Field rosters stay equal to a direct ranking of each field's members through every write path."""

from __future__ import annotations

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.edit import delete_entity, link, unlink
from graph_service.services.explore.entities import get_entity
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match import rosters
from graph_service.services.match.recommend import recommend_partners
from graph_service.store.embedded import EmbeddedStore
from tests.raw_cypher import read_raw, write_raw

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType


def _build(store: EmbeddedStore, scientists: int) -> None:
    entities = [EntityRecord(K.FIELD, "f:ic", {"uid": "f:ic", "name": "集成电路"})]
    entities += [
        EntityRecord(K.SCIENTIST, f"p:{i:02d}", {"uid": f"p:{i:02d}", "name": f"学者{i}"}) for i in range(scientists)
    ]
    entities.append(EntityRecord(K.INVESTOR, "v:1", {"uid": "v:1", "name": "基金"}))
    entities.append(EntityRecord(K.ENTERPRISE, "e:1", {"uid": "e:1", "name": "企业"}))
    write_entities(store, entities)
    ties = [
        RelationRecord(R.IN_FIELD, f"p:{i:02d}", "f:ic", {"weight": round(0.1 + i / 100, 2)}) for i in range(scientists)
    ]
    ties.append(RelationRecord(R.IN_FIELD, "v:1", "f:ic", {}))
    ties.append(RelationRecord(R.NEEDS, "e:1", "f:ic", {"priority": 5}))
    write_relations(store, ties)


def _expected(store: EmbeddedStore) -> list[rosters.RosterEntry]:
    """The roster by definition, from a direct read of the field's members: equal weights in fingerprint order."""
    rows = read_raw(
        store,
        "MATCH (:Field {uid: 'f:ic'})<-[r:IN_FIELD]-(c:Entity) RETURN c.uid AS uid, c.kind AS kind, "
        "coalesce(r.weight, 1.0) AS weight, c.region AS region, c.fingerprint AS fingerprint",
        {},
    )
    by_kind: dict[str, list[rosters.RosterEntry]] = {}
    for r in sorted(rows, key=lambda r: (r["kind"], -r["weight"], r["fingerprint"], r["uid"])):
        by_kind.setdefault(r["kind"], []).append((r["uid"], r["kind"], r["weight"], r["region"]))
    return [m for kind in sorted(by_kind) for m in by_kind[kind][: rosters.PER_KIND]]


def _stored(store: EmbeddedStore) -> list[rosters.RosterEntry]:
    members = rosters.read_rosters(store, ["f:ic"])["f:ic"]
    assert members is not None
    return members


def test_writes_keep_the_roster_bounded_and_ranked(store: EmbeddedStore) -> None:
    _build(store, rosters.PER_KIND + 5)
    stored = _stored(store)
    assert stored == _expected(store)
    assert sum(1 for _, kind, _, _ in stored if kind == "Scientist") == rosters.PER_KIND
    assert stored[0] == ("v:1", "Investor", 1.0, None)  # kinds in name order, best first within each
    # The best scientist leaves: its place goes to the next one outside the roster.
    best = max((m for m in stored if m[1] == "Scientist"), key=lambda m: m[2])[0]
    delete_entity(store, best)
    assert best not in {m[0] for m in _stored(store)}
    assert _stored(store) == _expected(store)
    unlink(store, R.IN_FIELD, "v:1", "f:ic")
    assert _stored(store) == _expected(store)
    link(store, R.IN_FIELD, "v:1", "f:ic", {"weight": 0.5})
    assert ("v:1", "Investor", 0.5, None) in _stored(store)


def test_roster_properties_are_not_entity_properties(store: EmbeddedStore) -> None:
    _build(store, 3)
    field = get_entity(store, "f:ic")
    assert field is not None
    assert not any(k.startswith("roster_") for k in field.properties)


def test_recommendations_without_a_roster_fall_back_to_the_members(store: EmbeddedStore) -> None:
    _build(store, 3)
    with_roster = [r.partner.uid for r in recommend_partners(store, "e:1", first=5)]
    write_raw(store, "MATCH (f:Field) REMOVE f.roster_uids, f.roster_kinds, f.roster_weights, f.roster_regions")
    assert rosters.read_rosters(store, ["f:ic"]) == {"f:ic": None}
    assert [r.partner.uid for r in recommend_partners(store, "e:1", first=5)] == with_roster
    assert rosters.rebuild_all_rosters(store) == 1
    assert _stored(store) == _expected(store)
