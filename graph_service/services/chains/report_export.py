"""Gap reports as Excel or CSV files for analysts, with Chinese and English headers.

The workbook is meant to be forwarded as it is: its first sheet opens with a title block
(the chain, the region and what was counted, the date, the data version it was computed
from), gaps are named in words, and the suggested recruits and each segment's enterprises
have sheets of their own. A CSV holds the segment table alone (one header, one row shape).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph_service.domain.entities import Entity
from graph_service.domain.recommendation import Recommendation
from graph_service.errors import LimitExceededError
from graph_service.ontology import KIND_SPECS
from graph_service.ontology.vocabulary import value_label
from graph_service.services.chains.gaps import ChainReport, Gap, SegmentReport, segment_enterprises
from graph_service.services.chains.recruit import GapRef, suggestions
from graph_service.services.explore.entities import get_entities
from graph_service.services.export.tables import Table, write_tables
from graph_service.store import GraphStore

SUGGESTIONS_PER_GAP = 5
MAX_SUGGESTIONS = 20
NONE = "无 / none"


def gap_words_zh(gaps: Sequence[Gap]) -> str:
    return "；".join(g.kind.zh for g in gaps)


def gap_words_en(gaps: Sequence[Gap]) -> str:
    return "; ".join(g.kind.en for g in gaps)


COLUMNS: list[tuple[str, Callable[[SegmentReport], object]]] = [
    ("顺序 / Position", lambda s: s.position),
    ("环节 / Segment", lambda s: s.name),
    ("企业 / Enterprises", lambda s: s.counts.enterprises),
    ("链主 / Chain leaders", lambda s: s.counts.chain_leaders),
    ("专精特新 / Specialised", lambda s: s.counts.specialised),
    ("科技工作者 / Scientists", lambda s: s.counts.scientists),
    ("高校院所 / Institutions", lambda s: s.counts.institutions),
    ("工作站 / Workstations", lambda s: s.counts.workstations),
    ("创投机构 / Investors", lambda s: s.counts.investors),
    ("科服机构 / Agencies", lambda s: s.counts.agencies),
    ("成果转入 / Transfers", lambda s: s.counts.transfers),
    ("缺口 / Gaps", lambda s: gap_words_zh(s.gaps)),
    ("缺口（英文）/ Gaps (English)", lambda s: gap_words_en(s.gaps)),
    ("最高严重度 / Top severity", lambda s: max((g.severity for g in s.gaps), default=0.0)),
    ("说明 / Reasons", lambda s: "；".join(g.zh for g in s.gaps)),
    ("说明（英文）/ Reasons (English)", lambda s: "; ".join(g.en for g in s.gaps)),
]
RECRUIT_HEADERS = (
    "环节 / Segment",
    "缺口 / Gap",
    "缺口（英文）/ Gap (English)",
    "严重度 / Severity",
    "排名 / Rank",
    "标识 / Uid",
    "名称 / Name",
    "类型 / Kind",
    "所属地区 / Region",
    "得分 / Score",
    "理由 / Reasons",
    "理由（英文）/ Reasons (English)",
)
ENTERPRISE_HEADERS = (
    "环节 / Segment",
    "标识 / Uid",
    "名称 / Name",
    "所属地区 / Region",
    "链主企业 / Chain leader",
    "专精特新 / Specialised",
    "高新技术企业 / High-tech",
    "发展阶段 / Stage",
    "规模 / Size",
)


@dataclass(frozen=True, slots=True)
class GapDetails:
    """What the workbook adds to the report: the data version, the recruits, the enterprises by uid."""

    version: str
    date: str
    recruits: dict[GapRef, list[Recommendation]] = field(default_factory=dict)
    enterprises: dict[str, Entity] = field(default_factory=dict)
    # Each segment's enterprises, by segment uid.
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)


def gap_details(
    store: GraphStore, report: ChainReport, *, per_gap: int = SUGGESTIONS_PER_GAP, today: dt.date | None = None
) -> GapDetails:
    """The version, recruits (``per_gap`` per gap, none for 0) and enterprises the workbook lists."""
    if not 0 <= per_gap <= MAX_SUGGESTIONS:
        raise LimitExceededError(
            f"suggestions per gap must be between 0 and {MAX_SUGGESTIONS} "
            f"/ 每个缺口的建议数须在 0 到 {MAX_SUGGESTIONS} 之间"
        )
    recruits = suggestions(store, report, per_gap) if per_gap > 0 else {}
    members = {segment.uid: segment_enterprises(store, report, segment) for segment in report.segments}
    uids = [uid for listed in members.values() for uid in listed]
    return GapDetails(
        version=store.version(),
        date=(today or dt.date.today()).isoformat(),
        recruits=recruits,
        enterprises=get_entities(store, uids) if uids else {},
        members=members,
    )


def rows(report: ChainReport) -> list[list[object]]:
    return [[value(segment) for _, value in COLUMNS] for segment in report.segments]


def title_block(report: ChainReport, details: GapDetails | None) -> list[list[object]]:
    """The lines above the segment table, one cell each, so they read across the sheet."""
    english = report.name_en or report.name
    zh, en = report.scope
    whole = f"{gap_words_zh(report.gaps)} / {gap_words_en(report.gaps)}" if report.gaps else NONE
    date = details.date if details else dt.date.today().isoformat()
    return [
        [f"{report.name} 缺口报告 / {english} gap report"],
        [f"产业链 / Chain：{report.name}（{report.chain}）"],
        [f"地区 / Region：{report.region or '全部地区 / every region'}"],
        [f"统计范围 / Counted：{zh} / {en}"],
        [f"全链缺口 / Chain-wide gaps：{whole}"],
        [f"生成日期 / Date：{date}"],
        [f"数据版本 / Data version：{details.version if details else '—'}"],
    ]


def _yes_no(value: object) -> str:
    return "是 / yes" if value is True else "否 / no"


def _words(prop: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    zh, en = value_label(prop, value)
    return zh if zh == en else f"{zh} / {en}"


def _kind(recommendation: Recommendation) -> str:
    spec = KIND_SPECS[recommendation.partner.kind]
    return spec.words


def recruit_rows(report: ChainReport, details: GapDetails) -> list[list[object]]:
    names = {s.uid: s.name for s in report.segments}
    out: list[list[object]] = []
    for ref, recs in details.recruits.items():
        for rank, rec in enumerate(recs, start=1):
            out.append(
                [
                    names.get(ref.segment, ref.segment),
                    ref.kind.zh,
                    ref.kind.en,
                    ref.severity,
                    rank,
                    rec.partner.uid,
                    rec.partner.name,
                    _kind(rec),
                    str(rec.partner.properties.get("region") or ""),
                    round(rec.score, 4),
                    "；".join(r.zh for r in rec.reasons),
                    "; ".join(r.en for r in rec.reasons),
                ]
            )
    return out


def enterprise_rows(report: ChainReport, details: GapDetails) -> list[list[object]]:
    out: list[list[object]] = []
    for segment in report.segments:
        for uid in details.members.get(segment.uid, ()):
            entity = details.enterprises.get(uid)
            props = entity.properties if entity else {}
            out.append(
                [
                    segment.name,
                    uid,
                    entity.name if entity else "",
                    str(props.get("region") or ""),
                    _yes_no(props.get("chain_leader")),
                    _yes_no(props.get("specialised")),
                    _yes_no(props.get("high_tech")),
                    _words("stage", props.get("stage")),
                    _words("size", props.get("size")),
                ]
            )
    return out


def tables(report: ChainReport, details: GapDetails | None = None) -> list[Table]:
    """The workbook's sheets: the gaps under a title block, then recruits and enterprises when known."""
    headers = [name for name, _ in COLUMNS]
    gaps = Table("缺口 Gaps", headers, rows(report), frozen="C2", preamble=title_block(report, details))
    if details is None:
        return [gaps]
    return [
        gaps,
        Table("建议招引 Recruits", RECRUIT_HEADERS, recruit_rows(report, details), frozen="C2"),
        Table("环节企业 Enterprises", ENTERPRISE_HEADERS, enterprise_rows(report, details), frozen="C2"),
    ]


def export_gap_report(report: ChainReport, out: Path, details: GapDetails | None = None) -> Path:
    """``out`` as .xlsx (the sheets of ``tables``) or .csv (the segment table, UTF-8 with BOM, for Excel)."""
    if out.suffix.lower() == ".xlsx":
        return write_tables(tables(report, details), out)
    return write_tables([Table(report.name, [name for name, _ in COLUMNS], rows(report))], out)
