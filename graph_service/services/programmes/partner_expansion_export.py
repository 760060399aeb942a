"""A partner-programme expansion as an Excel workbook: the picks, what each reaches, before and after.

The first sheet opens with a title block (the programme, its partners, the date and the
data version) above the picks in the order chosen with their marginal gains and reasons;
a sheet lists every segment, field and district each pick newly reaches; a last one
compares the programme's reach before and after with what there is to reach.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph_service.ontology import KIND_SPECS
from graph_service.services.export.tables import Table, write_tables
from graph_service.services.programmes.partner_expansion import DIMENSIONS, ProgrammeExpansion

PICK_HEADERS = (
    "入选顺序 / Order",
    "标识 / Uid",
    "名称 / Name",
    "类型 / Kind",
    "所属地区 / Region",
    "边际收益 / Marginal gain",
    "新覆盖环节 / New segments",
    "新覆盖领域 / New fields",
    "新覆盖地区 / New districts",
    "推荐评分 / Recommender score",
    "理由 / Reasons",
    "理由（英文）/ Reasons (English)",
)
COVER_HEADERS = ("单位 / Organisation", "单位名称 / Name", "类别 / Kind", "标识 / Uid", "名称 / Name reached")
REACH_HEADERS = ("类别 / Kind", "扩容前 / Before", "扩容后 / After", "图中总数 / In the graph")


def _dimension_words(dimension: str) -> str:
    _, zh, en, _ = DIMENSIONS[dimension]
    return f"{zh} / {en}"


def title_block(plan: ProgrammeExpansion, version: str, date: str) -> list[list[object]]:
    return [
        [f"生态伙伴扩容建议 / Partner programme expansion：{plan.name}"],
        [f"计划 / Programme：{plan.name}（{plan.programme}），现有伙伴 / partners：{plan.partners}"],
        [f"建议吸纳 / Picks：{len(plan.picks)}"],
        [f"生成日期 / Date：{date}"],
        [f"数据版本 / Data version：{version}"],
    ]


def tables(plan: ProgrammeExpansion, version: str, date: str) -> list[Table]:
    """The workbook's sheets: picks under a title block, what each reaches, reach before and after."""
    pick_rows: list[list[object]] = []
    cover_rows: list[list[object]] = []
    for order, pick in enumerate(plan.picks, start=1):
        spec = KIND_SPECS[pick.entity.kind]
        names = {dim: "、".join(c.name for c in pick.covers if c.dimension == dim) for dim in DIMENSIONS}
        pick_rows.append(
            [
                order,
                pick.entity.uid,
                pick.entity.name,
                spec.words,
                str(pick.entity.properties.get("region") or ""),
                pick.gain,
                names["segment"],
                names["field"],
                names["district"],
                round(pick.score, 4),
                "；".join(r.zh for r in pick.reasons),
                "; ".join(r.en for r in pick.reasons),
            ]
        )
        for c in pick.covers:
            cover_rows.append([pick.entity.uid, pick.entity.name, _dimension_words(c.dimension), c.uid, c.name])
    reach_rows: list[list[object]] = [
        [_dimension_words(dim), getattr(plan.before, attr), getattr(plan.after, attr), getattr(plan.total, attr)]
        for dim, attr in zip(DIMENSIONS, ("segments", "fields", "districts"), strict=True)
    ]
    return [
        Table("扩容建议 Picks", PICK_HEADERS, pick_rows, frozen="C2", preamble=title_block(plan, version, date)),
        Table("新增覆盖 Reached", COVER_HEADERS, cover_rows, frozen="C2"),
        Table("覆盖对比 Before-after", REACH_HEADERS, reach_rows),
    ]


def export_partner_expansion(plan: ProgrammeExpansion, out: Path, version: str, today: dt.date | None = None) -> Path:
    """``out`` as .xlsx with the sheets of ``tables``."""
    return write_tables(tables(plan, version, (today or dt.date.today()).isoformat()), out)
