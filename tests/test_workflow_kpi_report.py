"""``graph-service report workflow-kpis``: the workbook opened with openpyxl holds the hand-counted figures."""

from __future__ import annotations

import contextlib
from pathlib import Path

import openpyxl
import pytest

from graph_service.cli.commands import kpi_report
from graph_service.cli.main import main
from graph_service.store import GraphStore
from tests import kpi_history


@pytest.fixture
def history(store: GraphStore) -> GraphStore:
    kpi_history.build(store)
    return store


def test_the_command_writes_the_months_declines_and_rules(
    history: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(kpi_report, "open_graph", lambda args: contextlib.nullcontext(history))
    out = tmp_path / "kpis.xlsx"
    argv = ["report", "workflow-kpis", "--region", "成都市", "--from", "2026-09", "--to", "2026-11", "--out", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == str(out)

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["月度指标 Months", "婉拒原因 Declines", "口径 Definitions"]
    sheet = book["月度指标 Months"]
    title = [sheet.cell(r, 1).value for r in range(1, 7)]
    assert title[0] == "供需对接工作指标 / Matchmaking workflow KPIs"
    assert title[1] == "地区 / Region：成都市"
    assert title[2] == "计划 / Programme：全部 / all"
    assert title[3] == "统计期间 / Period：2026-09 – 2026-11（北京时间 / China time）"
    assert str(title[4]).startswith("生成日期 / Date：")
    assert title[5] == f"数据版本 / Data version：{history.version()}"
    header = 8  # the title block, a blank line, then the header
    assert sheet.cell(header, 1).value == "月份 / Month"
    assert sheet.cell(header, 9).value == "转化率 / Conversion rate"
    got = {}
    for row in sheet.iter_rows(min_row=header + 1, values_only=True):
        got[row[0]] = tuple(None if v == "—" else v for v in row[1:])
    expected = {
        m if m != "total" else "合计 / Total": (*cells[:7], None if cells[7] is None else round(cells[7], 4), cells[8])
        for m, cells in kpi_history.CHENGDU.items()
    }
    assert got == expected
    assert sheet.freeze_panes == "B9"
    assert sheet.column_dimensions["J"].width >= len("达成天数中位数 / Median days to agreement")

    declines = list(book["婉拒原因 Declines"].iter_rows(values_only=True))
    assert declines == [
        ("排名 / Rank", "原因 / Reason", "原因（英文）/ Reason (English)", "次数 / Count", "占比 / Share"),
        (1, "费用过高", "too expensive", 2, 1),
    ]
    rules = [row[0] for row in book["口径 Definitions"].iter_rows(min_row=2, values_only=True)]
    assert "转化率 / Conversion rate" in rules


def test_a_csv_holds_the_month_table_alone(
    history: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kpi_report, "open_graph", lambda args: contextlib.nullcontext(history))
    out = tmp_path / "kpis.csv"
    assert (
        main(
            [
                "report",
                "workflow-kpis",
                "--programme",
                kpi_history.PROGRAMME,
                "--from",
                "2026-09",
                "--to",
                "2026-11",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("月份 / Month,发布需求 / Needs posted")
    assert lines[-1] == "合计 / Total,2,2,0,3,1,2,1,0.3333,15.0"
    assert len(lines) == 1 + 3 + 1
