"""The simulated month runs through the real services and its KPIs count what it did."""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime

import pytest

from graph_service.cli.commands import workflow as workflow_command
from graph_service.cli.main import main
from graph_service.domain.records import RelationRecord
from graph_service.errors import InvalidInputError
from graph_service.ontology import RelationType
from graph_service.services.ingest.writer import write_relations
from graph_service.services.workflow.audit import audit_log
from graph_service.services.workflow.kpis import REPORTING_ZONE, workflow_kpis
from graph_service.services.workflow.simulate import simulate
from graph_service.store import GraphStore
from tests import kpi_history, workflow_graph

START = datetime(2026, 11, 1, tzinfo=REPORTING_ZONE)


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    kpi_history.build(store)  # for its programme and its second region; its history is before November
    needs = [
        RelationRecord(RelationType.NEEDS, e, "field:semi", {}) for e in (workflow_graph.OWN, workflow_graph.OTHER)
    ]
    write_relations(store, needs)
    return store


def test_a_simulated_month_is_what_its_kpis_count(graph: GraphStore) -> None:
    before = workflow_kpis(graph, first="2026-11", last="2026-11").totals
    report = simulate(graph, days=30, seed=1, needs=2, start=START)
    assert (report.needs, report.enterprises, report.programme) == (2, 2, kpi_history.PROGRAMME)
    after = workflow_kpis(graph, first="2026-11", last="2026-11").totals
    assert after.needs_posted - before.needs_posted == 2
    assert after.introductions_proposed - before.introductions_proposed == report.introductions > 0
    assert after.introductions_agreed - before.introductions_agreed == report.statuses["agreed"]
    assert after.introductions_declined - before.introductions_declined == report.statuses["declined"]
    entries = audit_log(graph, first=100).items
    assert {e.actor for e in entries if "simulated" in e.note or e.at >= "2026-10-31T16"} >= {"manager"}


def test_the_command_prints_the_run_and_its_kpis_and_nothing_else(
    graph: GraphStore,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(workflow_command, "open_graph", lambda args: contextlib.nullcontext(graph))
    caplog.set_level(logging.DEBUG)
    assert main(["workflow", "simulate", "--days", "30", "--needs", "2", "--start", "2026-11-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("simulated 2026-11-01 – 2026-11-30 (China time, seed 1): needs 2 from 2 enterprises")
    assert lines[1].split() == [
        "month",
        "posted",
        "docked",
        "met",
        "proposed",
        "agreed",
        "declined",
        "conv.",
        "median",
        "d",
    ]
    assert [line.split()[0] for line in lines[2:4]] == ["2026-11", "total"]
    assert lines[4].startswith("decline reasons / 婉拒原因: ")
    # The need index (bm25s) sets its library's logger to DEBUG on import: none of that is written.
    assert [r.message for r in caplog.records if r.name.startswith("bm25s")] == []


def test_the_simulation_refuses_an_unknown_programme_and_bad_sizes(graph: GraphStore) -> None:
    with pytest.raises(InvalidInputError):
        simulate(graph, days=30, needs=2, start=START, programme="sci:a")
    with pytest.raises(InvalidInputError):
        simulate(graph, days=0, start=START)
