"""A write whose derived refresh fails says its rows are in; rebuild-derived then counts the derived data again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import pytest

from graph_service.cli.main import main
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import StoreError
from graph_service.ontology import EntityKind, RelationType
from graph_service.ops.derived import rebuild_derived
from graph_service.services.ingest import writer
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match import popular, rosters
from graph_service.store import GraphStore

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType


def _timed_out(*_args: object, **_kwargs: object) -> NoReturn:
    raise StoreError("query timed out after 30000 ms")


def _population(store: GraphStore) -> list[RelationRecord]:
    field = [EntityRecord(K.FIELD, "f:ic", {"uid": "f:ic", "name": "集成电路"})]
    people = [EntityRecord(K.SCIENTIST, f"s:{i}", {"uid": f"s:{i}", "name": f"学者{i}"}) for i in range(6)]
    write_entities(store, field + people)
    ties = [RelationRecord(R.COLLABORATED_WITH, "s:0", f"s:{i}", {}) for i in range(1, 6)]
    return ties + [RelationRecord(R.IN_FIELD, f"s:{i}", "f:ic", {}) for i in range(6)]


def _scientists_listed(store: GraphStore) -> list[tuple[str, int]]:
    found = popular.most_connected(store, [K.SCIENTIST.value]).get(K.SCIENTIST.value, [])
    return [(m.uid, m.degree) for m in found]


def _roster(store: GraphStore) -> list[str]:
    return sorted(entry[0] for entry in rosters.read_rosters(store, ["f:ic"])["f:ic"] or [])


def test_a_failed_refresh_says_the_rows_are_in_and_a_rebuild_catches_up(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ties = _population(store)
    monkeypatch.setattr(writer, "refresh_popular", _timed_out)
    with pytest.raises(StoreError) as caught:
        write_relations(store, ties)
    message = str(caught.value)
    assert "11 rows were written" in message
    assert "已写入 11 行" in message
    assert "query timed out after 30000 ms" in message
    assert message.count("graph-service rebuild-derived") == 2
    # The ties are in; the lists were never refreshed, and nothing after them was either.
    assert store.read("popular_degrees", {"uids": ["s:0"], "ties": ["COLLABORATED_WITH"]})[0]["degree"] == 5
    assert ("s:0", 5) not in _scientists_listed(store)

    monkeypatch.undo()
    rebuilt = rebuild_derived(store)
    assert _scientists_listed(store)[0] == ("s:0", 5)
    assert _roster(store) == [f"s:{i}" for i in range(6)]
    assert rebuilt.popular_lists == len(popular.LISTED_KINDS)
    assert rebuilt.rosters >= 1


def test_a_failed_roster_refresh_leaves_the_rosters_to_the_rebuild(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ties = _population(store)
    monkeypatch.setattr(writer, "rebuild_rosters", _timed_out)
    with pytest.raises(StoreError, match="rebuild-derived"):
        write_relations(store, ties)
    assert _roster(store) == []
    monkeypatch.undo()
    rebuild_derived(store)
    assert _roster(store) == [f"s:{i}" for i in range(6)]


def test_the_command_rebuilds_and_reports_what_it_counted(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "load-seed", "--synthetic", "0"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "rebuild-derived"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["rosters"] > 0
    assert report["popular_lists"] == len(popular.LISTED_KINDS)
    assert report["tallies"] > 0
