"""The chain gaps workbook, read back with openpyxl as the analyst who receives it would."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from graph_service.cli.commands import reports
from graph_service.cli.main import build_parser
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import LimitExceededError
from graph_service.services.chains.gaps import GAP_NAMES, GapKind, chain_gaps
from graph_service.services.chains.report_export import export_gap_report, gap_details
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store.embedded import EmbeddedStore
from tests.test_chain_gaps import ENTITIES, RELATIONS


@pytest.fixture
def chain(store: EmbeddedStore) -> EmbeddedStore:
    write_entities(
        store, [EntityRecord(k, u, {"uid": u, "name": n, **cast(dict[str, Any], p)}) for k, u, n, p in ENTITIES]
    )
    write_relations(store, [RelationRecord(r, s, t) for r, s, t in RELATIONS])
    return store


def _values(sheet: Worksheet) -> list[list[object]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _header_row(rows: list[list[object]], first: str) -> int:
    return next(i for i, row in enumerate(rows) if row and row[0] == first)


def test_workbook_title_block_words_sheets_and_widths(chain: EmbeddedStore, tmp_path: Path) -> None:
    report = chain_gaps(chain, "c:x", region="成都市")
    details = gap_details(chain, report, per_gap=3, today=dt.date(2025, 3, 1))
    book = openpyxl.load_workbook(export_gap_report(report, tmp_path / "gaps.xlsx", details))
    assert book.sheetnames == ["缺口 Gaps", "建议招引 Recruits", "环节企业 Enterprises"]

    gaps = book["缺口 Gaps"]
    rows = _values(gaps)
    title = [str(row[0]) for row in rows[:7]]
    assert title[0].startswith("示例产业链 缺口报告")
    assert "c:x" in title[1]
    assert "成都市" in title[2]
    assert report.scope[0] in title[3]
    assert title[5].endswith("2025-03-01")
    assert title[6].endswith(chain.version()), "the data version is the graph's version token"

    header = _header_row(rows, "顺序 / Position")
    headers = [str(h) for h in rows[header]]
    segments = {str(r[1]): dict(zip(headers, r, strict=True)) for r in rows[header + 1 :]}
    assert list(segments) == ["材料", "器件", "整机"]
    # Gaps in words, Chinese and English, never their codes with severities.
    device = segments["器件"]
    assert GAP_NAMES[GapKind.NO_ENTERPRISE][0] in str(device["缺口 / Gaps"])
    assert "No local enterprise" in str(device["缺口（英文）/ Gaps (English)"])
    assert device["最高严重度 / Top severity"] == 1.0
    cells = " ".join(str(v) for r in rows for v in r if v is not None)
    assert not any(kind.value in cells for kind in GapKind)
    # The table scrolls under its header and the title block.
    assert gaps.freeze_panes == f"C{header + 2}"

    # Columns as wide as their text: the reasons wider than the counts, none absurdly wide.
    letter = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(headers)}
    width = {h: gaps.column_dimensions[letter[h]].width for h in headers}
    assert width["说明 / Reasons"] > width["企业 / Enterprises"] >= len("企业 / Enterprises")
    assert all(8 <= w <= 62 for w in width.values()), width

    recruits = _values(book["建议招引 Recruits"])
    assert recruits[0][:3] == ["环节 / Segment", "缺口 / Gap", "缺口（英文）/ Gap (English)"]
    assert recruits[1:], "the talent gaps have recruits"
    talent = [str(r[7]) for r in recruits[1:] if r[1] == "人才缺口"]
    assert talent
    assert all(k.startswith(("科技工作者", "高校", "工作站")) for k in talent), talent

    enterprises = _values(book["环节企业 Enterprises"])
    assert enterprises[0][:3] == ["环节 / Segment", "标识 / Uid", "名称 / Name"]
    listed = {(r[0], r[1], r[2], r[4]) for r in enterprises[1:]}
    # Counted within 成都市: 整机乙 of 重庆市 is not among them.
    assert listed == {("材料", "e:1", "唯一材料厂", "否 / no"), ("整机", "e:3a", "整机甲", "是 / yes")}
    assert book["环节企业 Enterprises"].column_dimensions["C"].width >= len("唯一材料厂") * 2


def test_csv_is_the_segment_table_alone(chain: EmbeddedStore, tmp_path: Path) -> None:
    report = chain_gaps(chain, "c:x")
    out = export_gap_report(report, tmp_path / "gaps.csv", gap_details(chain, report, per_gap=0))
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["顺序 / Position", "环节 / Segment"]
    assert {len(r) for r in rows} == {len(rows[0])}
    assert [r[1] for r in rows[1:]] == ["材料", "器件", "整机"]


def test_report_gaps_command_writes_the_workbook(
    chain: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command on the test's engine: a second engine must not open the same data.
    monkeypatch.setattr(reports, "open_graph", lambda args: contextlib.nullcontext(chain))
    out = tmp_path / "gaps.xlsx"
    args = build_parser().parse_args(["report", "gaps", "--chain", "c:x", "--everywhere", "--out", str(out)])
    assert args.func(args) == 0
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) == 3
    assert book["缺口 Gaps"]["A4"].value == "统计范围 / Counted：统计全部地区 / Counted in every region"
    bad = build_parser().parse_args(["report", "gaps", "--chain", "c:x", "--suggest", "50", "--out", str(out)])
    with pytest.raises(LimitExceededError):
        bad.func(bad)
