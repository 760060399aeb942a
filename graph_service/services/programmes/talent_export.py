"""The talent map as an Excel workbook (or its heat map alone as CSV), headers in Chinese and English.

Sheets: a segment × place heat map of talent units (a three-colour scale fills each cell
by its count), a summary per segment by tier, and one sheet per segment listing its places
and the institutions and societies outside to recruit from.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from graph_service.ontology import KIND_SPECS
from graph_service.services.export.tables import Table, write_tables
from graph_service.services.programmes.talent_map import PlaceTalent, SegmentTalent, TalentCounts, TalentMap

HEAT_SHEET = "人才热力图 Heat map"
SUMMARY_SHEET = "环节汇总 Segments"
UNRECORDED = "未注明地区 / Unrecorded"
# The heat map's fill: white for none, through yellow, to deep green for the most.
HEAT_COLOURS = ("FFFFFF", "FFEB84", "63BE7B")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
COUNT_HEADERS = (
    "科技工作者 / Scientists",
    "院士 / Academicians",
    "高级职称 / Senior",
    "青年 / Young",
    "其他 / Other",
    "海智 / Overseas",
    "高校院所 / Institutions",
    "学会 / Societies",
    "工作站 / Workstations",
    "合计 / Total",
)


def _counts(c: TalentCounts) -> list[object]:
    return [
        c.scientists,
        c.academicians,
        c.senior,
        c.young,
        c.other,
        c.overseas,
        c.institutions,
        c.societies,
        c.workstations,
        c.total,
    ]


def place_header(talent: TalentMap, place: str, names_en: dict[str, str | None]) -> str:
    """A heat map column's header: the place in Chinese and English, the home region marked."""
    if not place:
        return UNRECORDED
    english = names_en.get(place) or place
    if place == talent.region:
        return f"{place}（本地区）/ {english} (home)"
    return f"{place} / {english}"


def _yes_no(value: bool) -> str:
    return "是 / yes" if value else "否 / no"


def heat_table(talent: TalentMap, date: str, version: str) -> Table:
    names_en = {p.place: p.name_en for s in talent.segments for p in s.places}
    headers = ["顺序 / Order", "环节 / Segment", *(place_header(talent, p, names_en) for p in talent.places)]
    headers += [
        "区外占比 / Share outside",
        "主要在区外 / Mostly outside",
        "说明 / Summary",
        "说明（英文）/ Summary (English)",
    ]
    rows: list[list[object]] = []
    for order, segment in enumerate(talent.segments, start=1):
        cells = {p.place: p.counts.total for p in segment.places}
        zh, en = segment.reason(talent.region, talent.region_en)
        rows.append(
            [
                order,
                segment.name,
                *(cells.get(p, 0) for p in talent.places),
                segment.share_outside,
                _yes_no(segment.mostly_outside),
                zh,
                en,
            ]
        )
    scope = "按产业链所在城市 / the chain's own city" if talent.region_defaulted else "按指定地区 / as asked"
    preamble = [
        [f"{talent.name} 产业人才图谱 / {talent.name_en or talent.name} talent map"],
        [f"产业链 / Chain：{talent.name}（{talent.chain}）"],
        [f"本地区 / Home region：{talent.region}（{scope}）"],
        [
            "单元格：该环节所需领域的人才数（科技工作者+高校院所+学会+工作站）"
            " / Cells: talent units in the fields it needs"
        ],
        [f"生成日期 / Date：{date}"],
        [f"数据版本 / Data version：{version}"],
    ]
    return Table(HEAT_SHEET, headers, rows, frozen="C2", preamble=preamble)


def summary_table(talent: TalentMap) -> Table:
    headers = ["顺序 / Order", "环节 / Segment", "所需领域 / Required fields", "范围 / Where", *COUNT_HEADERS]
    rows: list[list[object]] = []
    for order, s in enumerate(talent.segments, start=1):
        fields = "、".join(name for _, name in s.required)
        for where, counts in (
            ("本地区 / In region", s.inside),
            ("区外 / Outside", s.outside),
            (UNRECORDED, s.unrecorded),
        ):
            rows.append([order, s.name, fields, where, *_counts(counts)])
    return Table(SUMMARY_SHEET, headers, rows, frozen="E2")


def _place_row(p: PlaceTalent) -> list[object]:
    where = "本地区 / In region" if p.in_region else "区外 / Outside"
    return ["地区 / Place", p.place or UNRECORDED, "", where, p.steps, *_counts(p.counts)]


def segment_table(order: int, segment: SegmentTalent, taken: set[str]) -> Table:
    headers = ["类别 / Type", "名称 / Name", "标识 / Uid", "所在地区 / Region", "层级距离 / Steps", *COUNT_HEADERS]
    rows = [_place_row(p) for p in segment.places]
    for org in (*segment.institutions, *segment.societies):
        spec = KIND_SPECS[org.kind]
        kind = f"可招引{spec.zh} / {spec.en} to recruit from"
        rows.append([kind, org.name, org.uid, org.region or "", org.steps, org.scientists, *[""] * 9])
    title = _SHEET_UNSAFE.sub(" ", f"{order:02d} {segment.name}")[:31]
    while title in taken:
        title = f"{title[:28]}~{len(taken)}"
    taken.add(title)
    return Table(title, headers, rows, frozen="C2")


def tables(talent: TalentMap, date: str, version: str) -> list[Table]:
    taken = {HEAT_SHEET, SUMMARY_SHEET}
    segments = [segment_table(i, s, taken) for i, s in enumerate(talent.segments, start=1)]
    return [heat_table(talent, date, version), summary_table(talent), *segments]


def _fill_heat(out: Path, talent: TalentMap, preamble_lines: int) -> None:
    book = openpyxl.load_workbook(out)
    sheet = book[HEAT_SHEET]
    header_row = preamble_lines + 2
    first, last = 3, 2 + len(talent.places)
    if talent.segments and talent.places:
        cells = (
            f"{get_column_letter(first)}{header_row + 1}:{get_column_letter(last)}{header_row + len(talent.segments)}"
        )
        low, mid, high = HEAT_COLOURS
        rule = ColorScaleRule(
            start_type="num", start_value=0, start_color=low, mid_type="percentile", mid_value=50, mid_color=mid,
            end_type="max", end_color=high,
        )  # fmt: skip
        sheet.conditional_formatting.add(cells, rule)
    book.save(out)


def export_talent_map(talent: TalentMap, out: Path, *, version: str = "—", today: dt.date | None = None) -> Path:
    """``out`` as .xlsx (the sheets of ``tables``, the heat map filled) or .csv (the heat map alone)."""
    date = (today or dt.date.today()).isoformat()
    heat = heat_table(talent, date, version)
    if out.suffix.lower() != ".xlsx":
        return write_tables([Table(heat.title, heat.headers, heat.rows)], out)
    write_tables(tables(talent, date, version), out)
    _fill_heat(out, talent, len(heat.preamble))
    return out
