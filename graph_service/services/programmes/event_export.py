"""A matchmaking event plan as an Excel workbook for the organisers, with Chinese and English headers.

The first sheet opens with a title block (the rules of the plan, its total, the scorer,
the date and data version) and lists the enterprises left short of meetings and why.
Then a sheet per round — each partner at its own table, the enterprise it meets and
why — and a sheet per participant, its meetings by round, free rounds included, to hand
to each one. A CSV holds all the meetings in one table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from graph_service.domain.entities import Entity
from graph_service.ontology import KIND_SPECS
from graph_service.services.export.tables import Table, write_tables
from graph_service.services.programmes.event import EventPlan, Meeting

FREE = "空闲 / free"
MEETING_HEADERS = (
    "轮次 / Round",
    "桌号 / Table",
    "企业 / Enterprise",
    "企业标识 / Enterprise uid",
    "对接对象 / Partner",
    "对接对象标识 / Partner uid",
    "类型 / Kind",
    "匹配分 / Score",
    "理由 / Why",
    "理由（英文）/ Why (English)",
)
ROUND_HEADERS = MEETING_HEADERS[1:]
AGENDA_HEADERS = (
    "轮次 / Round",
    "桌号 / Table",
    "会见 / Meets",
    "标识 / Uid",
    "类型 / Kind",
    "匹配分 / Score",
    "理由 / Why",
    "理由（英文）/ Why (English)",
)
SHORT_HEADERS = ("企业 / Enterprise", "标识 / Uid", "已安排 / Meetings", "可安排 / May hold", "原因 / Why")
# Characters Excel refuses in a sheet name.
_NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")


def _kind(entity: Entity) -> str:
    spec = KIND_SPECS[entity.kind]
    return spec.words


def _why(meeting: Meeting) -> tuple[str, str]:
    return "；".join(r.zh for r in meeting.reasons), "; ".join(r.en for r in meeting.reasons)


def meeting_rows(plan: EventPlan) -> list[list[object]]:
    """Every meeting, by round and table."""
    return [
        [
            m.round,
            m.table,
            m.enterprise.name,
            m.enterprise.uid,
            m.partner.name,
            m.partner.uid,
            _kind(m.partner),
            round(m.score, 4),
            *_why(m),
        ]
        for m in plan.meetings
    ]


def title_block(plan: EventPlan, version: str, date: str) -> list[list[object]]:
    partners = len({m.partner.uid for m in plan.meetings})
    return [
        ["精准对接会日程 / Matchmaking event plan"],
        [f"轮次 / Rounds：{plan.rounds}"],
        [f"企业 / Enterprises：{len(plan.enterprises)}；对接对象 / Partners met：{partners}"],
        [f"每家企业最多 / Meetings per enterprise：{plan.per_enterprise}"],
        [f"每个对接对象最多 / Meetings per partner：{plan.capacity}"],
        [f"会谈 / Meetings：{len(plan.meetings)}；总匹配分 / Total fit：{plan.total_score:.4f}（最优 / optimal）"],
        [f"评分器 / Scorer：{plan.scorer}；候选配对 / Candidate pairs：{plan.candidate_pairs}"],
        [f"生成日期 / Date：{date}"],
        [f"数据版本 / Data version：{version}"],
    ]


def sheet_titles(names: Sequence[str], taken: set[str]) -> list[str]:
    """Sheet names for ``names``: numbered, without the characters Excel refuses, within 31 characters.

    >>> sheet_titles(["甲/乙公司", "x" * 40], set())
    ['1 甲乙公司', '2 xxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
    """
    out = []
    for number, name in enumerate(names, start=1):
        title = f"{number} {_NOT_IN_TITLES.sub('', name)}"[:31].strip()
        while title.lower() in taken:
            title = title[:-1] + "_"
        taken.add(title.lower())
        out.append(title)
    return out


def _agenda(plan: EventPlan, uid: str) -> list[list[object]]:
    mine = {m.round: m for m in plan.meetings if uid in (m.enterprise.uid, m.partner.uid)}
    rows: list[list[object]] = []
    for number in range(1, plan.rounds + 1):
        m = mine.get(number)
        if m is None:
            rows.append([number, "", FREE, "", "", "", "", ""])
            continue
        other = m.partner if m.enterprise.uid == uid else m.enterprise
        rows.append([number, m.table, other.name, other.uid, _kind(other), round(m.score, 4), *_why(m)])
    return rows


def tables(plan: EventPlan, *, version: str = "—", today: dt.date | None = None) -> list[Table]:
    """The workbook's sheets: overview, one per round, one per participant (enterprises, then partners)."""
    date = (today or dt.date.today()).isoformat()
    short = [[u.enterprise.name, u.enterprise.uid, u.meetings, u.wanted, u.why] for u in plan.unmatched]
    out = [Table("总览 Overview", SHORT_HEADERS, short, frozen="A2", preamble=title_block(plan, version, date))]
    rows = meeting_rows(plan)
    for number in range(1, plan.rounds + 1):
        out.append(Table(f"第{number}轮 Round {number}", ROUND_HEADERS, [r[1:] for r in rows if r[0] == number]))
    partners: dict[str, Entity] = {}
    for m in sorted(plan.meetings, key=lambda m: m.table):
        partners.setdefault(m.partner.uid, m.partner)
    people = [*plan.enterprises, *partners.values()]
    taken = {t.title.lower() for t in out}
    for entity, title in zip(people, sheet_titles([p.name for p in people], taken), strict=True):
        preamble = [
            [f"{entity.name}（{entity.uid}）的日程 / Agenda of {entity.properties.get('name_en') or entity.name}"]
        ]
        out.append(Table(title, AGENDA_HEADERS, _agenda(plan, entity.uid), preamble=preamble))
    return out


def export_event_plan(plan: EventPlan, out: Path, *, version: str = "—", today: dt.date | None = None) -> Path:
    """``out`` as .xlsx (the sheets of ``tables``) or .csv (every meeting in one table)."""
    if out.suffix.lower() == ".xlsx":
        return write_tables(tables(plan, version=version, today=today), out)
    return write_tables([Table("meetings", MEETING_HEADERS, meeting_rows(plan))], out)
