"""``graph-service bench event`` end to end at a tiny size, so the command cannot rot (figures not asserted)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from graph_service.bench import ecosystems
from graph_service.cli.main import build_parser
from graph_service.store import GraphStore
from tests import event_ecosystem


def test_bench_event_prints_every_figure(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    event_ecosystem.build(store)
    # The command on the test's engine and graph; its results file lands in the test's directory.
    monkeypatch.setattr(ecosystems, "open_ecosystem", lambda size: contextlib.nullcontext(store))
    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["bench", "event", "--enterprises", "3", "--partners", "5", "--rounds", "2"])
    assert args.func(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-2].startswith("event-recommended enterprises=3 ")
    figures = dict(item.split("=", 1) for item in lines[-1].split()[1:])
    assert figures["enterprises"] == "3"
    assert figures["partners"] == "5"
    assert figures["pairs"] == "15"
    for name in ("scoring_ms", "optimise_ms", "bmatching_ms", "colouring_ms", "plan_ms", "ratio", "peak_mb"):
        assert float(figures[name]) >= 0
    assert list(tmp_path.glob("bench-results/event-*.json"))
