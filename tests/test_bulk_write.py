"""The bulk write path on both engines: creates for new uids, overlapped batches, fallbacks."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import DuplicateKeyError, InvalidInputError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import BULK_MIN, entity_row, write_entities, write_relations
from graph_service.store import GraphStore
from graph_service.store.batching import overlapped
from graph_service.store.protocol import WriteBatch

pytestmark = pytest.mark.both_engines

SCI = EntityKind.SCIENTIST
# What the engine must read back unchanged, whatever the parameter text looks like.
AWKWARD = [
    'quote " inside',
    "back\\slash and end\\",
    "\\n is not a newline",
    "line\nbreak\ttab\r\n",
    "control \x01\x1f characters",
    "中文（全角）、顿号",
    "emoji 😀 and \u2028 separator",
    "a,\"b\":c {'k': 1} `tick`",
    "$param and // comment */",
]


def scientists(count: int, prefix: str = "sci") -> list[EntityRecord]:
    return [EntityRecord(SCI, f"{prefix}:{i}", {"uid": f"{prefix}:{i}", "name": f"学者{i}"}) for i in range(count)]


def stored(store: GraphStore, uids: list[str]) -> dict[str, dict[str, object]]:
    return {str(r["entity"]["uid"]): r["entity"] for r in store.read("entities_get", {"uids": uids})}


def test_new_uids_are_created_and_rewrites_change_nothing(store: GraphStore) -> None:
    records = scientists(3 * BULK_MIN)
    assert write_entities(store, records, batch_size=BULK_MIN) == len(records)
    first = stored(store, [r.uid for r in records])
    assert len(first) == len(records)
    assert all(e["created_at"] == e["updated_at"] for e in first.values())
    assert store.read("entity_kinds", {"uids": ["sci:0"]}) == [{"uid": "sci:0", "kind": "Scientist"}]

    # Half known, half new, one changed: the known are upserted, the new created.
    changed = EntityRecord(SCI, "sci:1", {"uid": "sci:1", "name": "改名"})
    mixed = [changed, *records[2:BULK_MIN], *scientists(BULK_MIN, "new")]
    write_entities(store, mixed)
    after = stored(store, [r.uid for r in records] + [f"new:{i}" for i in range(BULK_MIN)])
    assert len(after) == len(records) + BULK_MIN
    assert after["sci:1"]["name"] == "改名"
    assert all(after[uid] == first[uid] for uid in first if uid != "sci:1")
    stats = store.read("stats_kinds", {"regions": []})
    assert next(r for r in stats if r["kind"] == "Scientist")["total"] == len(records) + BULK_MIN


def test_a_uid_repeated_in_one_write_is_written_once_last_wins(store: GraphStore) -> None:
    records = scientists(BULK_MIN)
    again = EntityRecord(SCI, "sci:5", {"uid": "sci:5", "name": "后者"})
    write_entities(store, [*records, again, *scientists(BULK_MIN, "more")], batch_size=BULK_MIN)
    assert stored(store, ["sci:5"])["sci:5"]["name"] == "后者"
    assert store.read("entity_kinds", {"uids": ["sci:5"]}) == [{"uid": "sci:5", "kind": "Scientist"}]


def test_a_create_meeting_an_existing_uid_falls_back_to_upsert(store: GraphStore) -> None:
    write_entities(store, scientists(2))
    rows = [entity_row(r, "2026-01-01T00:00:00Z") for r in scientists(4)]
    with pytest.raises(DuplicateKeyError):
        store.write_all([WriteBatch("entity_create", list(rows), {"kind": SCI})])
    # The engine undid the whole failed batch.
    assert sorted(stored(store, ["sci:2", "sci:3"])) == []
    assert store.write_all([WriteBatch("entity_create", list(rows), {"kind": SCI}, on_duplicate="entity_upsert")]) == 4
    assert sorted(stored(store, [f"sci:{i}" for i in range(4)])) == [f"sci:{i}" for i in range(4)]


def test_awkward_text_round_trips_through_bulk_batches(store: GraphStore) -> None:
    records = [
        EntityRecord(SCI, f"odd:{i}", {"uid": f"odd:{i}", "name": text, "aliases": [text, "x"]})
        for i, text in enumerate(AWKWARD * (BULK_MIN // len(AWKWARD) + 1))
    ]
    write_entities(store, records)
    back = stored(store, [r.uid for r in records])
    for record in records:
        assert back[record.uid]["name"] == record.properties["name"]
        assert back[record.uid]["aliases"] == record.properties["aliases"]
    rel = RelationType.COLLABORATED_WITH
    ties = [RelationRecord(rel, "odd:0", f"odd:{i + 1}", {"collaboration": text}) for i, text in enumerate(AWKWARD)]
    write_relations(store, ties)
    rows = store.read("export_relations", {"after_source": "", "after_target": "", "limit": 100}, slots={"rel": rel})
    assert {r["target"]: r["props"]["collaboration"] for r in rows} == {
        t.target: t.properties["collaboration"] for t in ties
    }


@pytest.mark.parametrize("bad", ["bad\x00name", "bad\ud800name"], ids=["nul", "surrogate"])
def test_unstorable_text_is_refused_before_anything_is_sent(store: GraphStore, bad: str) -> None:
    # Neo4j would store the NUL and FalkorDB not: both refuse it, and the lone surrogate too.
    rows = [entity_row(r, "t") for r in scientists(3)]
    rows[2]["props"]["name"] = bad
    with pytest.raises(InvalidInputError):
        store.write_all([WriteBatch("entity_upsert", list(rows), {"kind": SCI})])
    with pytest.raises(InvalidInputError):
        store.write("entity_upsert", {"rows": rows}, slots={"kind": SCI})
    with pytest.raises(InvalidInputError):
        store.read("entity_get", {"uid": bad})
    assert stored(store, ["sci:0"]) == {}


def test_overlapped_sends_in_order_and_stops_at_the_first_failure() -> None:
    sent: list[int] = []
    prepared: list[int] = []

    def prepare(item: int) -> int:
        prepared.append(item)
        return item

    def send(item: int) -> None:
        if item == 3:
            raise RuntimeError("engine said no")
        sent.append(item)

    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError, match="engine said no"):
        overlapped(range(100), prepare, send)
    assert sent == [0, 1, 2]
    # At most the batch in flight and one more were prepared past the failure.
    assert len(prepared) <= 6
    assert sys.getswitchinterval() == before


def test_overlapped_raises_the_producers_failure_after_sending_what_was_made() -> None:
    sent: list[int] = []

    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad row")

    with pytest.raises(ValueError, match="bad row"):
        overlapped(items(), lambda item: item, sent.append)
    assert sent == [1, 2]
    assert not [t for t in threading.enumerate() if t.name == "write-sender"]
