"""A backup carries the workflow's records and a restore puts them back exactly (embedded engine)."""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_service.domain.workflow import AgreementKind, IntroductionStatus
from graph_service.errors import InvalidInputError
from graph_service.ops.backup import backup
from graph_service.ops.backup_file import Record, Relation, records, verify, writing
from graph_service.ops.restore import GraphNotEmptyError, restore
from graph_service.services.workflow.audit import audit_log
from graph_service.services.workflow.events import changes
from graph_service.services.workflow.introductions import (
    IntroductionDraft,
    advance_introduction,
    get_introduction,
    propose_introduction,
)
from graph_service.services.workflow.kpis import workflow_kpis
from graph_service.services.workflow.needs import NeedDraft, get_need, post_need
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection
from tests import kpi_history, workflow_graph
from tests.raw_cypher import read_raw, write_raw
from tests.workflow_graph import OWN

_names = itertools.count()


@pytest.fixture
def other(engine: EngineConnection) -> Iterator[EmbeddedStore]:
    """A second, empty graph on the session's engine to restore into."""
    store = EmbeddedStore(engine, f"wf_restore_{next(_names)}")
    store.clear()
    yield store
    engine.delete_graph(store.graph_name)


def _workflow(path: Path) -> list[Record]:
    return [r for r in records(path) if isinstance(r, Record)]


def test_needs_introductions_and_audit_survive_a_backup_and_restore(
    store: EmbeddedStore, other: EmbeddedStore, tmp_path: Path
) -> None:
    workflow_graph.build(store)
    need = post_need(store, NeedDraft("功率半导体", OWN, ["field:semi"], 10, 20, None, "成都市"))
    intro = propose_introduction(store, IntroductionDraft("sci:a", need=need.id)).id
    for status in (IntroductionStatus.CONTACTED, IntroductionStatus.MET):
        advance_introduction(store, intro, status)
    advance_introduction(store, intro, IntroductionStatus.AGREED, agreement_kind=AgreementKind.COLLABORATION)

    taken = tmp_path / "taken.jsonl.gz"
    report = backup(store, taken)
    saved = _workflow(taken)
    assert {r.label for r in saved} == {"TechNeed", "Introduction", "AuditEntry", "ChangeEvent"}
    # A need, an introduction, 6 audit entries and the 6 change events of the same moves.
    assert report.records == len(saved) == verify(taken).records == 2 + 6 + 6
    assert report.entities == verify(taken).entities

    restored = restore(other, taken)
    assert restored.records == len(saved)
    assert get_need(other, need.id) == get_need(store, need.id)
    assert get_introduction(other, intro) == get_introduction(store, intro)
    assert audit_log(other, first=100) == audit_log(store, first=100)
    assert changes(other, first=100) == changes(store, first=100)
    again = tmp_path / "again.jsonl.gz"
    backup(other, again)
    assert list(records(again)) == list(records(taken)), "the restored graph backs up to the same file"


def test_events_written_after_a_restore_sort_after_the_restored_ones(
    store: EmbeddedStore, other: EmbeddedStore, tmp_path: Path
) -> None:
    workflow_graph.build(store)
    for text in ("恢复前一", "恢复前二"):
        post_need(store, NeedDraft(text, OWN, ["field:semi"]))
    taken = tmp_path / "taken.jsonl.gz"
    backup(store, taken)
    restore(other, taken)
    last = changes(other).events[-1]
    after = post_need(other, NeedDraft("恢复后发布", OWN, ["field:semi"]))
    page = changes(other, since=str(last.seq))
    assert [e.record for e in page.events] == [after.id], "numbered after the restored events, not from 1 again"


def test_a_backup_with_a_bad_workflow_record_changes_nothing(store: EmbeddedStore, tmp_path: Path) -> None:
    workflow_graph.build(store)
    post_need(store, NeedDraft("功率半导体", OWN, ["field:semi"]))
    taken = tmp_path / "taken.jsonl.gz"
    backup(store, taken)
    items = list(records(taken))
    saved = next(r for r in items if isinstance(r, Record))
    bad = tmp_path / "bad.jsonl.gz"
    with writing(bad) as out:
        out.header(graph="x", engine="falkordb", created_at="2026-01-01T00:00:00+00:00")
        for item in items:
            if isinstance(item, Relation):
                out.relation(item)
            elif isinstance(item, Record):
                out.record(item)
            else:
                out.entity(item)
        out.record(saved)  # the same id twice
        out.record(Record("Entity", {"id": "x:1"}))  # not a workflow label
        out.record(Record("TechNeed", {"id": "need:x", "history": [{"not": "storable"}]}))
        out.end()
    version = store.version()
    with pytest.raises(InvalidInputError) as refused:
        restore(store, bad, force=True)
    assert {p.field for p in refused.value.problems} == {"id", "label", "history"}
    assert store.version() == version, "nothing was written"


def test_a_version_1_backup_without_records_still_restores(store: EmbeddedStore, tmp_path: Path) -> None:
    workflow_graph.build(store)
    taken = tmp_path / "v2.jsonl.gz"
    backup(store, taken)
    old = tmp_path / "v1.jsonl.gz"
    with gzip.open(taken, "rt", encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    lines[0]["version"] = 1
    lines[-1]["end"].pop("records")  # version 1 counted entities and relations only
    with gzip.open(old, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    counts = verify(old)
    assert (counts.records, counts.entities) == (0, verify(taken).entities)
    report = restore(store, old, force=True)
    assert (report.entities, report.records) == (counts.entities, 0)


def test_a_graph_holding_only_workflow_records_is_not_overwritten_without_force(
    store: EmbeddedStore, other: EmbeddedStore, tmp_path: Path
) -> None:
    workflow_graph.build(store)
    taken = tmp_path / "taken.jsonl.gz"
    backup(store, taken)
    write_raw(other, "CREATE (:TechNeed {id: 'need:kept', seq: 1, status: 'open'})")
    with pytest.raises(GraphNotEmptyError, match="1 entities and workflow records"):
        restore(other, taken)
    assert read_raw(other, "MATCH (n:TechNeed) RETURN n.id AS id", {}) == [{"id": "need:kept"}]
    restore(other, taken, force=True)
    assert read_raw(other, "MATCH (n:TechNeed) RETURN n.id AS id", {}) == []


def test_an_introductions_programme_and_the_kpis_survive_a_restore(
    store: EmbeddedStore, other: EmbeddedStore, tmp_path: Path
) -> None:
    kpi_history.build(store)
    taken = tmp_path / "taken.jsonl.gz"
    backup(store, taken)
    restore(other, taken)
    period: dict[str, Any] = {"first": "2026-09", "last": "2026-11"}
    assert workflow_kpis(other, programme=kpi_history.PROGRAMME, **period) == workflow_kpis(
        store, programme=kpi_history.PROGRAMME, **period
    )
    tagged = [r for r in _workflow(taken) if r.label == "Introduction" and r.props.get("programme")]
    assert len(tagged) == 3
