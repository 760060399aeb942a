"""The ecosystem report as Excel or CSV for analysts, with bilingual headers.

In Excel each finding has its own sheet. A CSV has one header, so the findings share one row
shape there: the finding, then rank, uid, name and kind where the finding ranks entities,
then what is measured, its value and a note; cells a finding has no use for are empty.
"""

from __future__ import annotations

from pathlib import Path

from graph_service.ontology import KIND_SPECS, parse_kind
from graph_service.services.analytics.report import EcosystemReport
from graph_service.services.export.tables import Table, write_tables

RANKED_HEADERS = ("排名 / Rank", "标识 / Uid", "名称 / Name", "类型 / Kind")
CSV_HEADERS = (
    "部分 / Section",
    *RANKED_HEADERS,
    "指标 / Measure",
    "数值 / Value",
    "说明 / Note",
)
BETWEENNESS = "中介中心性 / Betweenness"


def _kind(kind: str) -> str:
    parsed = parse_kind(kind)
    return f"{KIND_SPECS[parsed].zh} / {KIND_SPECS[parsed].en}" if parsed else kind


def tables(report: EcosystemReport) -> list[Table]:
    summary = Table(
        "概览 Summary",
        ("指标 / Measure", "数值 / Value"),
        [
            ("地区 / Region", report.region or "全部 / all"),
            ("实体 / Entities", report.entities),
            ("关系 / Ties", report.ties),
            ("孤立实体 / Isolated entities", report.isolated_count),
            ("计算耗时(秒) / Computed in (s)", report.computed_seconds),
        ],
    )
    brokers = Table(
        "中介者 Brokers",
        (*RANKED_HEADERS, BETWEENNESS),
        [(i, b.uid, b.name, _kind(b.kind), b.value) for i, b in enumerate(report.brokers, start=1)],
    )
    communities = Table(
        "社群 Communities",
        ("排名 / Rank", "规模 / Size", "核心成员 / Leading members"),
        [(i, size, "、".join(names)) for i, (size, names) in enumerate(report.communities, start=1)],
    )
    isolated = Table(
        "待联络 Isolated",
        RANKED_HEADERS,
        [(i, r.uid, r.name, _kind(r.kind)) for i, r in enumerate(report.isolated, start=1)],
    )
    meaning = {
        1: "仅有企业 / The enterprise alone",
        2: "缺两方 / Two parties missing",
        3: "缺一方 / One party missing",
        4: "四方齐全 / All four parties",
    }
    four_party = Table(
        "四方完整度 Four parties",
        ("具备方数 / Parties present", "说明 / Meaning", "企业数 / Enterprises"),
        [(n, meaning.get(n, ""), count) for n, count in sorted(report.four_party.items())],
    )
    coverage = Table(
        "伙伴计划 Partner programme",
        ("类型 / Kind", "数量 / Count"),
        [
            ("一跳可达 / Reached within one tie" if k == "reached_within_one_tie" else _kind(k), v)
            for k, v in report.partner_coverage.items()
        ],
    )
    return [summary, brokers, communities, isolated, four_party, coverage]


def csv_table(report: EcosystemReport) -> Table:
    """Every finding in the one row shape of ``CSV_HEADERS``."""
    summary, brokers, communities, isolated, four_party, coverage = tables(report)
    rows: list[tuple[object, ...]] = []
    rows += [(summary.title, "", "", "", "", measure, value, "") for measure, value in summary.rows]
    rows += [(brokers.title, *ranked[:4], BETWEENNESS, ranked[4], "") for ranked in brokers.rows]
    rows += [
        (communities.title, rank, "", "", "", "规模 / Size", size, leaders) for rank, size, leaders in communities.rows
    ]
    rows += [(isolated.title, *ranked, "", "", "") for ranked in isolated.rows]
    rows += [
        (four_party.title, "", "", "", "", f"具备 {n} 方的企业 / Enterprises with {n} parties", count, meaning)
        for n, meaning, count in four_party.rows
    ]
    rows += [(coverage.title, "", "", "", "", kind, count, "") for kind, count in coverage.rows]
    return Table("生态分析 Ecosystem", CSV_HEADERS, rows)


def export_ecosystem_report(report: EcosystemReport, out: Path) -> Path:
    """``out`` as .xlsx (a sheet per finding) or .csv (every finding in one row shape, its name first)."""
    if out.suffix.lower() == ".xlsx":
        return write_tables(tables(report), out)
    return write_tables([csv_table(report)], out)
