"""Segment tallies stay equal to counting the members, whatever the writes: random edits,
links and unlinks, deletes and imports, in every region scope, on both engines."""

from __future__ import annotations

import random

import pytest

from graph_service.domain.records import EntityRecord, PropertyValue, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.chains.gaps import chain_gaps
from graph_service.services.derived.segment_tallies import count_actors, encode, region_scopes
from graph_service.services.edit import delete_entity, link, unlink, upsert_entity
from graph_service.services.ingest import writer
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType
PLACES = ["成都市", "成都东部新区", "重庆市", None]
SCOPES = [None, "成都市", "成都东部新区", "重庆市"]
SEGMENTS = ["s:1", "s:2", "s:3"]
FIELDS = ["f:a", "f:a1", "f:a11", "f:b"]
ACTORS = {
    K.ENTERPRISE: [f"e:{i}" for i in range(8)],
    K.SCIENTIST: [f"p:{i}" for i in range(8)],
    K.INSTITUTION: [f"i:{i}" for i in range(3)],
    K.WORKSTATION: [f"w:{i}" for i in range(3)],
    K.INVESTOR: [f"v:{i}" for i in range(3)],
    K.SERVICE_AGENCY: [f"a:{i}" for i in range(3)],
    K.ACHIEVEMENT: [f"t:{i}" for i in range(4)],
}
# The ties an operation may add or take away, as (type, source kind, target kinds or uids).
TIES: list[tuple[RelationType, EntityKind | None, list[str]]] = [
    (R.IN_SEGMENT, K.ENTERPRISE, SEGMENTS),
    (R.INVESTED_IN, K.INVESTOR, ACTORS[K.ENTERPRISE]),
    (R.SERVES, K.SERVICE_AGENCY, ACTORS[K.ENTERPRISE]),
    (R.TRANSFERRED_TO, K.ACHIEVEMENT, ACTORS[K.ENTERPRISE]),
    (R.IN_FIELD, K.SCIENTIST, FIELDS),
    (R.IN_FIELD, K.INSTITUTION, FIELDS),
    (R.IN_FIELD, K.WORKSTATION, FIELDS),
    (R.REQUIRES, None, FIELDS),
]


def _entity(kind: EntityKind, uid: str, rng: random.Random) -> dict[str, PropertyValue]:
    props: dict[str, PropertyValue] = {"uid": uid, "name": f"名称{uid}"}
    region = rng.choice(PLACES)
    if region is not None and kind is not K.ACHIEVEMENT:
        props["region"] = region
    if kind is K.ENTERPRISE:
        props |= {"chain_leader": rng.random() < 0.3, "specialised": rng.random() < 0.4}
    return props


def _build(store: GraphStore, rng: random.Random) -> None:
    base = [
        EntityRecord(K.REGION, "r:cd", {"uid": "r:cd", "name": "成都市"}),
        EntityRecord(K.REGION, "r:east", {"uid": "r:east", "name": "成都东部新区"}),
        EntityRecord(K.REGION, "r:cq", {"uid": "r:cq", "name": "重庆市"}),
        EntityRecord(K.INDUSTRY_CHAIN, "c:x", {"uid": "c:x", "name": "示例产业链"}),
        *(
            EntityRecord(K.CHAIN_SEGMENT, s, {"uid": s, "name": f"环节{s}", "position": i})
            for i, s in enumerate(SEGMENTS)
        ),
        *(EntityRecord(K.FIELD, f, {"uid": f, "name": f"领域{f}"}) for f in FIELDS),
        *(EntityRecord(kind, u, _entity(kind, u, rng)) for kind, uids in ACTORS.items() for u in uids),
    ]
    write_entities(store, base)
    ties = [
        RelationRecord(R.WITHIN, "r:east", "r:cd"),
        RelationRecord(R.BROADER, "f:a1", "f:a"),
        RelationRecord(R.BROADER, "f:a11", "f:a1"),
        *(RelationRecord(R.PART_OF, s, "c:x") for s in SEGMENTS),
        *(_random_tie(rng) for _ in range(40)),
    ]
    write_relations(store, ties)


def _random_tie(rng: random.Random, gone: set[str] | None = None) -> RelationRecord:
    """A tie the ontology allows, between entities not in ``gone``."""
    while True:
        rel, kind, targets = rng.choice(TIES)
        source = rng.choice(SEGMENTS if kind is None else ACTORS[kind])
        target = rng.choice(targets)
        if not gone or not {source, target} & gone:
            return RelationRecord(rel, source, target)


def _assert_tallies_count_what_the_members_do(store: GraphStore, step: str) -> None:
    for region in SCOPES:
        tallied = chain_gaps(store, "c:x", region, everywhere=region is None)
        assert all(s.enterprises is None for s in tallied.segments), f"{step}: a tally is missing ({region})"
        counted = chain_gaps(store, "c:x", region, everywhere=region is None, with_enterprises=True)
        assert [s.counts for s in tallied.segments] == [s.counts for s in counted.segments], f"{step} ({region})"


def _random_edit(store: GraphStore, rng: random.Random, gone: set[str]) -> str:
    roll = rng.random()
    if roll < 0.3:
        kind = rng.choice([K.ENTERPRISE, K.SCIENTIST, K.INSTITUTION, K.WORKSTATION])
        uid = rng.choice(ACTORS[kind])
        upsert_entity(store, kind, _entity(kind, uid, rng))
        gone.discard(uid)
        return f"upsert {uid}"
    if roll < 0.6:
        tie = _random_tie(rng, gone)
        link(store, tie.type, tie.source, tie.target)
        return f"link {tie}"
    if roll < 0.8:
        tie = _random_tie(rng, gone)
        unlink(store, tie.type, tie.source, tie.target)
        return f"unlink {tie}"
    if roll < 0.9:
        write_relations(store, [_random_tie(rng, gone) for _ in range(5)])
        return "import five ties"
    kind = rng.choice(list(ACTORS))
    uid = rng.choice(ACTORS[kind])
    if uid in gone:
        write_entities(store, [EntityRecord(kind, uid, _entity(kind, uid, rng))])
        gone.discard(uid)
        return f"recreate {uid}"
    delete_entity(store, uid)
    gone.add(uid)
    return f"delete {uid}"


def test_tallies_equal_direct_counts_after_random_writes(store: GraphStore) -> None:
    rng = random.Random(7)
    _build(store, rng)
    _assert_tallies_count_what_the_members_do(store, "built")
    gone: set[str] = set()
    # Fewer on Neo4j, whose writes cost ten times more here; the same kinds of write either way.
    for n in range(40 if store.engine == "falkordb" else 15):
        step = f"{n}: {_random_edit(store, rng, gone)}"
        _assert_tallies_count_what_the_members_do(store, step)


def test_a_narrower_field_and_a_region_within_count_where_they_should(store: GraphStore) -> None:
    _build(store, random.Random(3))
    link(store, R.REQUIRES, "s:3", "f:a")
    upsert_entity(store, K.SCIENTIST, {"uid": "p:new", "name": "新专家", "region": "成都东部新区"})
    before = {r: chain_gaps(store, "c:x", r, everywhere=r is None).segments[2].counts.scientists for r in SCOPES}
    link(store, R.IN_FIELD, "p:new", "f:a11")  # two levels under what s:3 requires
    after = {r: chain_gaps(store, "c:x", r, everywhere=r is None).segments[2].counts.scientists for r in SCOPES}
    assert {r: after[r] - before[r] for r in SCOPES} == {None: 1, "成都市": 1, "成都东部新区": 1, "重庆市": 0}
    write_relations(store, [RelationRecord(R.WITHIN, "r:cq", "r:cd")])  # the scopes change: every tally is recounted
    _assert_tallies_count_what_the_members_do(store, "重庆市 within 成都市")


def test_a_count_taken_before_a_later_one_cannot_overwrite_it(store: GraphStore) -> None:
    _build(store, random.Random(5))
    [early] = store.write("segment_tally_ticket", {"segments": ["s:1"]})
    stale = count_actors(store, ["s:1"], region_scopes(store))["s:1"]
    write_entities(store, [EntityRecord(K.ENTERPRISE, "e:late", {"uid": "e:late", "name": "后来企业"})])
    link(store, R.IN_SEGMENT, "e:late", "s:1")  # refreshed with a later ticket
    row = {"segment": "s:1", "ticket": int(early["ticket"]), "actors": encode(stale), "talent": None}
    assert store.write("segment_tally_set", {"rows": [row]}) == [{"written": 0}]
    _assert_tallies_count_what_the_members_do(store, "after a stale count")


def test_an_import_past_the_lookup_bound_recounts_every_segment(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(store, random.Random(11))
    monkeypatch.setattr(writer, "NEAR_MAX", 3)  # five ties have up to ten ends: every segment is recounted
    write_relations(store, [_random_tie(random.Random(n)) for n in range(5)])
    upsert_entity(store, K.ENTERPRISE, {"uid": "e:0", "name": "名称e:0", "region": "重庆市"})
    _assert_tallies_count_what_the_members_do(store, "past the bound")
