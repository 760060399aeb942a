"""The workflow KPIs as an Excel workbook managers forward as it is, with Chinese and English headers.

The first sheet opens with a title block (region, programme, period, date, the data version
it was counted from) and has a row per month and the totals; the second lists the decline
reasons; the third says how each figure is counted, in both languages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from graph_service.services.export.tables import Table, write_tables
from graph_service.services.workflow.kpis import KpiRow, WorkflowKpis

TOTAL = "合计 / Total"


def _rate(value: float | None) -> object:
    return "—" if value is None else round(value, 4)


def _days(value: float | None) -> object:
    return "—" if value is None else value


COLUMNS: list[tuple[str, Callable[[KpiRow], object]]] = [
    ("月份 / Month", lambda r: r.month or TOTAL),
    ("发布需求 / Needs posted", lambda r: r.needs_posted),
    ("进入对接 / Taken into docking", lambda r: r.needs_docked),
    ("已满足 / Needs met", lambda r: r.needs_met),
    ("提出引荐 / Introductions proposed", lambda r: r.introductions_proposed),
    ("达成合作 / Agreed", lambda r: r.introductions_agreed),
    ("婉拒 / Declined", lambda r: r.introductions_declined),
    ("当月提出且已达成 / Of these proposed, agreed", lambda r: r.proposed_agreed),
    ("转化率 / Conversion rate", lambda r: _rate(r.conversion_rate)),
    ("达成天数中位数 / Median days to agreement", lambda r: _days(r.median_days_to_agreement)),
]
DECLINE_HEADERS = ("排名 / Rank", "原因 / Reason", "原因（英文）/ Reason (English)", "次数 / Count", "占比 / Share")
RULES = (
    ("发布需求 / Needs posted", "当月发布的需求", "needs created in the month"),
    (
        "进入对接 / Taken into docking",
        "当月首次进入对接的需求（退回后再次对接不重复计）",
        "needs first taken into docking in the month (a second docking is not counted again)",
    ),
    ("已满足 / Needs met", "当月标为已满足的需求", "needs moved to met in the month"),
    ("提出引荐 / Introductions proposed", "当月提出的对接引荐", "introductions proposed in the month"),
    ("达成合作、婉拒 / Agreed, declined", "当月达成合作或婉拒的引荐", "introductions agreed or declined in the month"),
    (
        "转化率 / Conversion rate",
        "当月提出的引荐中，统计期末前达成合作的比例（分母为当月提出数）",
        "of the introductions proposed in the month, the share agreed by the period's end "
        "(denominator: the month's proposals)",
    ),
    (
        "达成天数中位数 / Median days",
        "当月达成合作的引荐从提出到达成的天数中位数",
        "median days from proposal to agreement of the month's agreements",
    ),
    ("月份 / Months", "按北京时间（UTC+8）划分", "calendar months in China Standard Time (UTC+8)"),
    (
        "地区 / Region",
        "需求的地区偏好或企业所在地区，含下辖地区；无需求的引荐按企业所在地区",
        "a need's preferred region or its enterprise's, with the places within; "
        "an introduction without a need by its enterprise's region",
    ),
    (
        "计划 / Programme",
        "该计划下提出的引荐，及这些引荐所对接的需求",
        "the introductions proposed under it, and the needs they were for",
    ),
)


def title_block(kpis: WorkflowKpis, version: str, date: str) -> list[list[object]]:
    region = kpis.region or "全部地区 / every region"
    programme = f"{kpis.programme_name}（{kpis.programme}）" if kpis.programme else "全部 / all"
    lines: list[list[object]] = [
        ["供需对接工作指标 / Matchmaking workflow KPIs"],
        [f"地区 / Region：{region}"],
        [f"计划 / Programme：{programme}"],
        [f"统计期间 / Period：{kpis.first_month} – {kpis.last_month}（北京时间 / China time）"],
        [f"生成日期 / Date：{date}"],
        [f"数据版本 / Data version：{version}"],
    ]
    if kpis.public_only:
        lines.append(["仅统计公开记录 / Public records only"])
    return lines


def tables(kpis: WorkflowKpis, version: str, date: str) -> list[Table]:
    rows = [[value(row) for _, value in COLUMNS] for row in [*kpis.months, kpis.totals]]
    months = Table(
        "月度指标 Months",
        [name for name, _ in COLUMNS],
        rows,
        frozen="B2",
        preamble=title_block(kpis, version, date),
    )
    declines = Table(
        "婉拒原因 Declines",
        DECLINE_HEADERS,
        [[i, d.zh, d.en, d.count, d.share] for i, d in enumerate(kpis.decline_reasons, start=1)],
    )
    rules = Table("口径 Definitions", ("指标 / Figure", "口径 / Rule", "Rule (English)"), [list(r) for r in RULES])
    return [months, declines, rules]


def export_kpi_report(kpis: WorkflowKpis, out: Path, *, version: str, today: dt.date | None = None) -> Path:
    """``out`` as .xlsx (the three sheets) or .csv (the month table alone, UTF-8 with BOM)."""
    date = (today or dt.date.today()).isoformat()
    if out.suffix.lower() == ".xlsx":
        return write_tables(tables(kpis, version, date), out)
    headers = [name for name, _ in COLUMNS]
    rows = [[value(row) for _, value in COLUMNS] for row in [*kpis.months, kpis.totals]]
    return write_tables([Table("KPIs", headers, rows)], out)
