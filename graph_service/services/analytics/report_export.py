"""The ecosystem report as Excel or CSV for analysts: one table per finding, bilingual headers."""

from __future__ import annotations

from pathlib import Path

from graph_service.ontology import KIND_SPECS, parse_kind
from graph_service.services.analytics.report import EcosystemReport
from graph_service.services.export.tables import Table, write_tables

RANKED_HEADERS = ("排名 / Rank", "标识 / Uid", "名称 / Name", "类型 / Kind")


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
        (*RANKED_HEADERS, "中介中心性 / Betweenness"),
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


def export_ecosystem_report(report: EcosystemReport, out: Path) -> Path:
    """``out`` as .xlsx (a sheet per finding) or .csv (the findings stacked, a section column first)."""
    return write_tables(tables(report), out)
