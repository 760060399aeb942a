"""``graph-service bench import`` on a small ecosystem: every figure it prints is there."""

from __future__ import annotations

import pytest

from graph_service.bench.import_rate import measure

pytestmark = pytest.mark.slow


def test_import_rate_reports_rows_rates_and_both_memory_figures() -> None:
    rate = measure(200)
    assert rate.rows == rate.entities + rate.relations > 0
    assert rate.rows_per_s > 0
    assert rate.raw_rows_per_s > 0
    # The engine's RSS and what FalkorDB says it holds (INFO used_memory), which is the smaller.
    assert rate.engine_rss_mb > 0
    assert rate.engine_used_mb is not None
    assert 0 < rate.engine_used_mb <= rate.engine_rss_mb
