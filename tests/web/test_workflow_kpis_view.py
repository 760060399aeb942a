"""The KPI dashboard (#/kpis) in headless Chromium, on a service holding the hand-built history.

Its own service, not the demo's: the history of tests/kpi_history.py is written into a data
directory first (the figures were counted by hand there), then ``graph-service serve`` runs on
it with authentication on, and the page presents a manager's token as a user would.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from graph_service.config import Settings
from graph_service.services.access.principal import LOCAL_OPERATOR, Role, acting_as
from graph_service.services.access.tokens import TokenStore
from graph_service.store.factory import open_store
from tests import kpi_history
from tests.web.conftest import confined_page, serving


@dataclass
class KpiService:
    base: str
    host: str
    manager: str
    enterprise: str


@pytest.fixture(scope="module")
def kpi_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KpiService]:
    data_dir = tmp_path_factory.mktemp("kpi-data")
    store = open_store(Settings(data_dir=data_dir))
    try:
        with acting_as(LOCAL_OPERATOR):  # a module fixture: before the per-test operator is set
            kpi_history.build(store)
    finally:
        store.close()
    tokens = TokenStore(data_dir / "tokens.json")
    manager, _ = tokens.create(Role.MANAGER, name="kpi browser test")
    enterprise, _ = tokens.create(Role.ENTERPRISE, "ent:x", name="kpi browser test")
    log = tmp_path_factory.mktemp("kpi-log") / "server.log"
    with serving(data_dir, log) as port:
        yield KpiService(f"http://127.0.0.1:{port}", f"127.0.0.1:{port}", manager, enterprise)


@pytest.fixture
def page(context: BrowserContext, kpi_service: KpiService, request: pytest.FixtureRequest) -> Iterator[Page]:
    with confined_page(context, kpi_service.host, request.node.name) as page:
        yield page


def _sign_in(page: Page, service: KpiService, token: str) -> None:
    page.goto(f"{service.base}/")
    page.evaluate("t => sessionStorage.setItem('ecosystem-graph.token', t)", token)


def _cells(page: Page, month: str) -> list[str]:
    row = page.locator(f'.kpi-table tr[data-month="{month}"] td')
    return [row.nth(i).inner_text() for i in range(row.count())]


def _shown(cells: tuple[object, ...]) -> list[str]:
    """A hand-counted row as the dashboard writes it: counts, the rate as a percentage, days."""
    counts = [str(c) for c in cells[:6]]
    rate, days = cells[7], cells[8]
    return [*counts, "—" if rate is None else f"{100 * float(rate):.1f}%", "—" if days is None else f"{days:.1f}"]  # type: ignore[arg-type]


def test_the_dashboard_shows_the_hand_counted_kpis_with_charts(page: Page, kpi_service: KpiService) -> None:
    _sign_in(page, kpi_service, kpi_service.manager)
    page.goto(f"{kpi_service.base}/#/kpis?region=成都市&from=2026-09&to=2026-11")
    expect(page.locator(".kpi-table tr[data-month]")).to_have_count(4)
    for month, cells in kpi_history.CHENGDU.items():
        assert _cells(page, month) == _shown(cells), month
    expect(page.locator(".kpi-scope")).to_have_text("成都市 · 全部计划 · 2026-09 – 2026-11")
    assert "null" not in page.locator(".kpi-body").inner_text()
    expect(page.locator('.kpi-declines li[data-reason="TOO_EXPENSIVE"]')).to_have_text("费用过高：2（100.0%）")
    # Four charts drawn by the vendored Chart.js, with the same figures.
    assert page.evaluate("typeof window.Chart") == "function"
    drawn = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('canvas.kpi-chart')].map(c => {
             const chart = window.Chart.getChart(c);
             return [c.dataset.chart, {labels: chart.data.labels, data: chart.data.datasets.map(d => d.data)}];
           }))"""
    )
    assert sorted(drawn) == ["conversion", "declines", "introductions", "needs"]
    assert drawn["needs"]["labels"] == ["2026-09", "2026-10", "2026-11"]
    assert drawn["needs"]["data"][0] == [kpi_history.CHENGDU[m][0] for m in ("2026-09", "2026-10", "2026-11")]
    assert drawn["introductions"]["data"][1] == [1 * 0, 1, 1]  # agreed: none in September, one each after
    assert drawn["declines"] == {"labels": ["费用过高"], "data": [[2]]}
    expect(page.locator('nav a[data-view="kpis"]')).to_have_attribute("aria-current", "page")


def test_the_controls_are_kept_in_the_url_and_english_is_available(page: Page, kpi_service: KpiService) -> None:
    _sign_in(page, kpi_service, kpi_service.manager)
    page.goto(f"{kpi_service.base}/#/kpis?from=2026-09&to=2026-11")
    expect(page.locator(".kpi-table tr[data-month]")).to_have_count(4)
    form = page.locator(".kpi-controls")
    form.locator('input[name="region"]').fill("重庆市")
    form.locator('input[name="programme"]').fill(kpi_history.PROGRAMME)
    form.locator('button[type="submit"]').click()
    expect(page).to_have_url(
        f"{kpi_service.base}/#/kpis?region=%E9%87%8D%E5%BA%86%E5%B8%82&programme=programme%3Ap&from=2026-09&to=2026-11"
    )
    expect(page.locator(".kpi-scope")).to_contain_text("示例精准对接计划")
    assert _cells(page, "total") == _shown(kpi_history.PROGRAMME_P["total"])
    page.locator("#lang-toggle").click()
    expect(page.locator(".kpi-table th").first).to_have_text("Month")
    expect(page.locator('.kpi-declines li[data-reason="TIMING"]')).to_contain_text("timing")
    expect(page.locator("#panel h2")).to_have_text("Matchmaking workflow KPIs")


def test_errors_end_in_a_message_with_a_way_on(page: Page, kpi_service: KpiService) -> None:
    _sign_in(page, kpi_service, kpi_service.manager)
    page.goto(f"{kpi_service.base}/#/kpis?from=2026-13&to=2026-11")
    expect(page.locator("#error")).to_contain_text("请修改输入后再试")
    expect(page.locator("#error-retry")).to_be_visible()
    assert page.locator(".loading").count() == 0, "nothing is left on '…'"
    _sign_in(page, kpi_service, kpi_service.enterprise)
    page.goto(f"{kpi_service.base}/#/kpis")
    expect(page.locator("#error")).to_contain_text("FORBIDDEN")
    expect(page.locator("#error-retry")).to_be_visible()
