"""The kept lists of each kind's most connected: merged in place after small writes, as a recount would find them."""

from __future__ import annotations

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services import edit
from graph_service.services.access.principal import LOCAL_OPERATOR, set_acting
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match import popular
from graph_service.store.embedded import EmbeddedStore

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType


def _lists(store: EmbeddedStore) -> dict[str, list[tuple[str, int]]]:
    found = popular.most_connected(store, [k.value for k in popular.LISTED_KINDS])
    return {kind: [(m.uid, m.degree) for m in members] for kind, members in found.items()}


def _recounted(store: EmbeddedStore) -> dict[str, list[tuple[str, int]]]:
    popular.rebuild_popular(store)
    return _lists(store)


def test_small_writes_merge_into_the_lists_as_a_recount_would(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(popular, "TOP", 5)
    people = [EntityRecord(K.SCIENTIST, f"s:{i:02d}", {"uid": f"s:{i:02d}", "name": f"学者{i}"}) for i in range(20)]
    write_entities(store, people)
    # A first write lists the kind by counting it.
    write_relations(store, [RelationRecord(R.COLLABORATED_WITH, "s:00", f"s:{i:02d}", {}) for i in range(1, 4)])
    assert _lists(store)["Scientist"][0] == ("s:00", 3)
    # Then each small write merges its ends in place: s:19 climbs past s:00, one tie at a time.
    for i in range(5, 10):
        write_relations(store, [RelationRecord(R.COLLABORATED_WITH, "s:19", f"s:{i:02d}", {})])
    merged = _lists(store)
    assert merged["Scientist"][:2] == [("s:19", 5), ("s:00", 3)]
    recounted = _recounted(store)["Scientist"]
    # The same degrees; which of the many with one tie fill the tail is a tie either way.
    assert [d for _, d in merged["Scientist"]] == [d for _, d in recounted]
    assert merged["Scientist"][:2] == recounted[:2]


def test_a_deleted_entity_leaves_the_lists(store: EmbeddedStore) -> None:
    set_acting(LOCAL_OPERATOR)
    try:
        people = [EntityRecord(K.SCIENTIST, f"s:{i}", {"uid": f"s:{i}", "name": f"学者{i}"}) for i in range(4)]
        write_entities(store, people)
        write_relations(store, [RelationRecord(R.COLLABORATED_WITH, "s:0", f"s:{i}", {}) for i in range(1, 4)])
        assert _lists(store)["Scientist"][0] == ("s:0", 3)
        edit.delete_entity(store, "s:0")
        assert "s:0" not in dict(_lists(store)["Scientist"])
        assert edit.unlink(store, R.COLLABORATED_WITH, "s:1", "s:2") is False
    finally:
        set_acting(None)


def test_a_recount_in_slices_finds_what_one_statement_would(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enterprises written between the scientists interleave the two kinds' engine ids.
    for i in range(30):
        write_entities(store, [EntityRecord(K.SCIENTIST, f"s:{i:02d}", {"uid": f"s:{i:02d}", "name": f"学者{i}"})])
        write_entities(store, [EntityRecord(K.ENTERPRISE, f"e:{i:02d}", {"uid": f"e:{i:02d}", "name": f"企业{i}"})])
    # Degrees spread over the whole id span, equal ones at every degree; the last written leads.
    ties = [RelationRecord(R.COLLABORATED_WITH, f"s:{i:02d}", f"s:{j:02d}", {}) for i in range(30) for j in range(i)]
    write_relations(store, [t for t in ties if (int(t.source[2:]) * 7 + int(t.target[2:])) % 11 == 0])
    write_relations(store, [RelationRecord(R.COLLABORATED_WITH, "s:29", f"s:{j:02d}", {}) for j in range(12)])
    monkeypatch.setattr(popular, "TOP", 6)
    whole = _recounted(store)
    monkeypatch.setattr(popular, "SLICE", 2)
    sliced = _recounted(store)
    assert sliced == whole
    assert whole["Scientist"][0][0] == "s:29"
    assert [d for _, d in whole["Scientist"]] == sorted((d for _, d in whole["Scientist"]), reverse=True)
    assert len({d for _, d in whole["Scientist"]}) > 1
    assert len(whole["Scientist"]) == 6
