"""The workflow KPIs through the HTTP API, on the hand-built history of tests/kpi_history.py."""

from __future__ import annotations

import pytest

from graph_service.services.access.principal import Role
from graph_service.store import GraphStore
from tests import kpi_history
from tests.api_client import api_client, error_codes, graphql_post

pytestmark = pytest.mark.both_engines

QUERY = """
query Kpis($region: String, $programme: String, $from: String, $to: String) {
  workflowKpis(region: $region, programme: $programme, from: $from, to: $to) {
    region programmeUid programmeName firstMonth lastMonth publicOnly
    months { ...Row }
    totals { ...Row }
    declineReasons { reason nameZh nameEn count share }
  }
}
fragment Row on KpiRow {
  month needsPosted needsDocked needsMet introductionsProposed introductionsAgreed
  introductionsDeclined proposedAgreed conversionRate medianDaysToAgreement
}
"""
COLUMNS = (
    "needsPosted",
    "needsDocked",
    "needsMet",
    "introductionsProposed",
    "introductionsAgreed",
    "introductionsDeclined",
    "proposedAgreed",
    "conversionRate",
    "medianDaysToAgreement",
)
PERIOD = {"from": "2026-09", "to": "2026-11"}


@pytest.fixture
def history(store: GraphStore) -> GraphStore:
    kpi_history.build(store)
    return store


def _rounded(cells: tuple[object, ...]) -> tuple[object, ...]:
    rate = cells[7]
    return (*cells[:7], None if rate is None else round(float(rate), 4), cells[8])  # type: ignore[arg-type]


def test_a_manager_reads_a_regions_kpis_month_by_month(history: GraphStore) -> None:
    with api_client(store=history, role=Role.MANAGER) as client:
        body = graphql_post(client, QUERY, {"region": "成都", **PERIOD})
    assert "errors" not in body, body
    kpis = body["data"]["workflowKpis"]
    assert (kpis["region"], kpis["firstMonth"], kpis["lastMonth"], kpis["publicOnly"]) == (
        "成都市",
        "2026-09",
        "2026-11",
        False,
    )
    table = {row["month"]: tuple(row[c] for c in COLUMNS) for row in kpis["months"]}
    table["total"] = tuple(kpis["totals"][c] for c in COLUMNS)
    assert table == {m: _rounded(cells) for m, cells in kpi_history.CHENGDU.items()}
    assert kpis["declineReasons"] == [
        {"reason": "TOO_EXPENSIVE", "nameZh": "费用过高", "nameEn": "too expensive", "count": 2, "share": 1.0}
    ]


def test_a_programmes_kpis_and_an_analysts_public_view(history: GraphStore) -> None:
    with api_client(store=history, role=Role.ANALYST) as client:
        body = graphql_post(client, QUERY, {"programme": kpi_history.PROGRAMME, **PERIOD})
    kpis = body["data"]["workflowKpis"]
    assert (kpis["programmeUid"], kpis["programmeName"], kpis["publicOnly"]) == (
        kpi_history.PROGRAMME,
        "示例精准对接计划",
        True,
    )
    assert tuple(kpis["totals"][c] for c in COLUMNS) == _rounded(kpi_history.PROGRAMME_P["total"])


def test_an_enterprise_token_is_refused_and_bad_input_is_named(history: GraphStore) -> None:
    with api_client(store=history, role=Role.ENTERPRISE, entity="ent:x") as client:
        refused = graphql_post(client, QUERY, PERIOD)
    assert error_codes(refused) == ["FORBIDDEN"]
    assert refused["data"] is None
    with api_client(store=history, role=Role.MANAGER) as client:
        bad = graphql_post(client, QUERY, {"from": "2026-13", "to": "2026-11"})
        missing = graphql_post(client, QUERY, {"programme": "programme:none", **PERIOD})
    assert error_codes(bad) == ["INVALID_INPUT"]
    assert error_codes(missing) == ["NOT_FOUND"]
