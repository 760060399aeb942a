"""The workflow KPIs equal the figures counted by hand on a hand-built history (tests/kpi_history.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from graph_service.domain.workflow import DeclineReason
from graph_service.errors import ForbiddenError, InvalidInputError, NotFoundError
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.workflow.kpis import KpiRow, WorkflowKpis, months_of, workflow_kpis
from graph_service.store import GraphStore
from tests import kpi_history
from tests.kpi_history import PROGRAMME, at

pytestmark = pytest.mark.both_engines

PERIOD: dict[str, Any] = {"first": "2026-09", "last": "2026-11"}


@pytest.fixture(scope="module")
def history(module_store: GraphStore) -> GraphStore:
    """Built once: every test here only reads it."""
    kpi_history.build(module_store)
    return module_store


def _cells(row: KpiRow) -> tuple[object, ...]:
    return (
        row.needs_posted,
        row.needs_docked,
        row.needs_met,
        row.introductions_proposed,
        row.introductions_agreed,
        row.introductions_declined,
        row.proposed_agreed,
        row.conversion_rate,
        row.median_days_to_agreement,
    )


def _table(kpis: WorkflowKpis) -> dict[str, tuple[object, ...]]:
    table = {row.month: _cells(row) for row in kpis.months}
    table["total"] = _cells(kpis.totals)
    return table


def _expected(table: Mapping[str, tuple[Any, ...]]) -> dict[str, tuple[object, ...]]:
    """The hand-counted table with rates rounded as the KPIs round them."""
    return {m: (*cells[:7], None if cells[7] is None else round(cells[7], 4), cells[8]) for m, cells in table.items()}


def test_kpis_of_a_region_include_the_places_within_it(history: GraphStore) -> None:
    kpis = workflow_kpis(history, region="成都市", **PERIOD)
    assert (kpis.region, kpis.first_month, kpis.last_month, kpis.public_only) == ("成都市", "2026-09", "2026-11", False)
    assert _table(kpis) == _expected(kpi_history.CHENGDU)
    assert [(d.reason, d.count) for d in kpis.decline_reasons] == kpi_history.CHENGDU_DECLINES
    assert [(d.zh, d.en, d.share) for d in kpis.decline_reasons] == [("费用过高", "too expensive", 1.0)]


def test_kpis_of_another_region(history: GraphStore) -> None:
    kpis = workflow_kpis(history, region="重庆市", **PERIOD)
    assert _table(kpis) == _expected(kpi_history.CHONGQING)
    assert [(d.reason, d.count, d.share) for d in kpis.decline_reasons] == [
        (reason, count, 0.5) for reason, count in kpi_history.CHONGQING_DECLINES
    ]


def test_kpis_of_a_programme_count_its_introductions_and_their_needs(history: GraphStore) -> None:
    kpis = workflow_kpis(history, programme=PROGRAMME, **PERIOD)
    assert (kpis.programme, kpis.programme_name) == (PROGRAMME, "示例精准对接计划")
    assert _table(kpis) == _expected(kpi_history.PROGRAMME_P)
    assert [(d.reason, d.count) for d in kpis.decline_reasons] == kpi_history.PROGRAMME_P_DECLINES


def test_an_analyst_counts_public_records_only(history: GraphStore) -> None:
    with acting_as(Principal(Role.ANALYST, token_id="t-analyst")):
        kpis = workflow_kpis(history, **PERIOD)
    assert kpis.public_only
    assert _table(kpis) == _expected(kpi_history.EVERYWHERE_PUBLIC)


def test_months_are_counted_in_china_time(history: GraphStore) -> None:
    """N5 posted at 15:00Z on 31 August is August; N2 met at 17:00Z on 30 November is December."""
    august = workflow_kpis(history, first="2026-08", last="2026-08")
    december = workflow_kpis(history, region="成都市", first="2026-12", last="2026-12")
    assert (august.totals.needs_posted, august.totals.needs_docked) == (1, 0)
    assert (december.totals.needs_met, december.totals.needs_posted) == (1, 0)


def test_a_later_period_does_not_recount_a_second_docking(history: GraphStore) -> None:
    october = workflow_kpis(history, region="成都市", first="2026-10", last="2026-10")
    assert october.totals.needs_docked == 1  # N2 was taken on 10-02 and again on 10-20


@pytest.mark.parametrize(
    ("first", "last"), [("2026-13", None), ("2026-9", None), ("2026-11", "2026-09"), ("2020-01", "2026-01")]
)
def test_a_bad_period_is_refused_naming_the_field(history: GraphStore, first: str, last: str | None) -> None:
    with pytest.raises(InvalidInputError) as refused:
        workflow_kpis(history, first=first, last=last or "2026-11")
    assert refused.value.problems


def test_the_default_period_is_the_six_months_up_to_this_one() -> None:
    assert months_of(None, None, at(12, 1)) == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]


def test_an_unknown_programme_or_region_is_not_found(history: GraphStore) -> None:
    with pytest.raises(NotFoundError):
        workflow_kpis(history, programme="sci:a", **PERIOD)
    with pytest.raises(NotFoundError):
        workflow_kpis(history, region="火星市", **PERIOD)


def test_enterprises_and_anonymous_callers_are_refused(history: GraphStore) -> None:
    for principal in (Principal(Role.ENTERPRISE, "ent:x", token_id="t"), Principal(Role.ANONYMOUS)):
        with acting_as(principal), pytest.raises(ForbiddenError):
            workflow_kpis(history, **PERIOD)


def test_decline_reasons_carry_both_names(history: GraphStore) -> None:
    kpis = workflow_kpis(history, **PERIOD)
    assert [(d.reason, d.zh, d.en) for d in kpis.decline_reasons] == [
        (DeclineReason.TOO_EXPENSIVE, "费用过高", "too expensive"),
        (DeclineReason.TIMING, "时机不合适", "timing"),
    ]
