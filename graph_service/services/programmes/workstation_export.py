"""The workstation review as an Excel workbook (or its station table alone as CSV).

Sheets: the stations ranked by activity under a title block stating the rule and the
thresholds, each with its verdict and reasons; then the candidate hosts for new stations.
Headers and verdicts in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

from graph_service.ontology import KIND_SPECS
from graph_service.ontology.vocabulary import value_label
from graph_service.services.export.tables import Table, write_tables
from graph_service.services.programmes.workstation_candidates import ChainRole
from graph_service.services.programmes.workstation_review import RENEW_SCORE, Verdict, WorkstationReview

REVIEW_SHEET = "工作站评估 Review"
CANDIDATE_SHEET = "候选依托单位 Candidates"
STATION_HEADERS = (
    "排名 / Rank",
    "标识 / Uid",
    "名称 / Name",
    "类型 / Kind",
    "所属地区 / Region",
    "依托单位 / Host",
    "依托单位类型 / Host kind",
    "进站专家 / Experts",
    "院士 / Academicians",
    "与依托单位合作 / Collaborations",
    "在站研发成果 / Developed",
    "已转化 / Transferred",
    "转至依托单位 / To host",
    "产业链环节 / Chain segments",
    "链主企业 / Chain leader",
    "活跃度 / Score",
    "结论 / Verdict",
    "理由 / Reasons",
    "理由（英文）/ Reasons (English)",
)
CANDIDATE_HEADERS = (
    "排名 / Rank",
    "标识 / Uid",
    "名称 / Name",
    "类型 / Kind",
    "所属地区 / Region",
    "链主企业 / Chain leader",
    "专精特新 / Specialised",
    "匹配领域 / Fields matched",
    "可对接院士 / Academicians",
    "产业链环节 / Chain segments",
    "得分 / Score",
    "理由 / Reasons",
    "理由（英文）/ Reasons (English)",
)
# Not conditional: a verdict is a word, and the fill says it at a glance.
VERDICT_FILLS = {Verdict.RENEW: "C6EFCE", Verdict.WATCH: "FFEB9C", Verdict.CONSIDER_CLOSING: "FFC7CE"}


def verdict_words(verdict: Verdict) -> str:
    return f"{verdict.zh} / {verdict.en}"


def _station_kind(value: str | None) -> str:
    if not value:
        return ""
    zh, en = value_label("station_kind", value)
    return f"{zh} / {en}"


def _roles(roles: tuple[ChainRole, ...]) -> str:
    return "；".join(r.name for r in roles)


def _yes_no(value: bool) -> str:
    return "是 / yes" if value else "否 / no"


def station_rows(review: WorkstationReview) -> list[list[object]]:
    rows: list[list[object]] = []
    for rank, s in enumerate(review.stations, start=1):
        a, h = s.activity, s.host
        rows.append(
            [
                rank,
                s.uid,
                s.name,
                _station_kind(s.station_kind),
                s.region or "",
                h.name if h else "",
                KIND_SPECS[h.kind].words if h else "",
                a.experts,
                a.academicians,
                a.collaborations,
                a.developed,
                a.transferred,
                a.transferred_to_host,
                _roles(h.roles) if h else "",
                _yes_no(h.chain_leader) if h else "",
                s.score,
                verdict_words(s.verdict),
                "；".join(n.zh for n in s.reasons),
                "; ".join(n.en for n in s.reasons),
            ]
        )
    return rows


def candidate_rows(review: WorkstationReview) -> list[list[object]]:
    rows: list[list[object]] = []
    for rank, c in enumerate(review.candidates, start=1):
        spec = KIND_SPECS[c.kind]
        rows.append(
            [
                rank,
                c.uid,
                c.name,
                spec.words,
                c.region or "",
                _yes_no(c.chain_leader),
                _yes_no(c.specialised),
                "、".join(m.name for m in c.matches),
                "、".join(dict.fromkeys(name for m in c.matches for _, name in m.academicians)),
                _roles(c.roles),
                c.score,
                "；".join(n.zh for n in c.reasons),
                "; ".join(n.en for n in c.reasons),
            ]
        )
    return rows


def preamble(review: WorkstationReview, date: str, version: str) -> list[list[object]]:
    counts = "，".join(f"{v.zh} {review.verdicts[v]}" for v in Verdict)
    counts_en = ", ".join(f"{v.en.lower()} {review.verdicts[v]}" for v in Verdict)
    since = f"{review.since} 年以来 / since {review.since}" if review.since else "全部年份 / every year"
    return [
        ["工作站评估 / Workstation review"],
        [f"地区 / Region：{review.region or '全部地区 / every region'}"],
        [f"活动统计 / Activity counted：{since}"],
        [f"评估工作站 / Stations reviewed：{review.reviewed}（{counts} / {counts_en}）"],
        [f"规则 / Rule：{review.rule.zh}"],
        [f"Rule: {review.rule.en}"],
        [f"续设门槛 / Renew at：{RENEW_SCORE}"],
        [f"生成日期 / Date：{date}"],
        [f"数据版本 / Data version：{version}"],
    ]


def _fill_verdicts(out: Path, review: WorkstationReview, header_row: int) -> None:
    book = openpyxl.load_workbook(out)
    sheet = book[REVIEW_SHEET]
    column = STATION_HEADERS.index("结论 / Verdict") + 1
    for offset, station in enumerate(review.stations, start=1):
        colour = VERDICT_FILLS[station.verdict]
        sheet.cell(header_row + offset, column).fill = PatternFill("solid", start_color=colour, end_color=colour)
    book.save(out)


def export_workstation_review(
    review: WorkstationReview, out: Path, *, version: str = "—", today: dt.date | None = None
) -> Path:
    """``out`` as .xlsx (review and candidates) or .csv (the station table alone)."""
    if out.suffix.lower() != ".xlsx":
        return write_tables([Table(REVIEW_SHEET, STATION_HEADERS, station_rows(review))], out)
    lines = preamble(review, (today or dt.date.today()).isoformat(), version)
    write_tables(
        [
            Table(REVIEW_SHEET, STATION_HEADERS, station_rows(review), frozen="D2", preamble=lines),
            Table(CANDIDATE_SHEET, CANDIDATE_HEADERS, candidate_rows(review), frozen="D2"),
        ],
        out,
    )
    _fill_verdicts(out, review, len(lines) + 2)
    return out
