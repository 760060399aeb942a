"""An expert service team as an Excel workbook: the team, who covers whom, and what is left.

Made to be forwarded as it is, like the gap report: the first sheet opens with a title
block (the place, what needs were read from, the coverage and its guarantee, the date and
the data version); the team's members follow in the order chosen with their marginal
gains; a sheet pairs each member with every need it newly covers; a last one lists the
needs no member covers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph_service.ontology import KIND_SPECS
from graph_service.services.export.tables import Table, write_tables
from graph_service.services.programmes.service_team import ServiceTeam
from graph_service.services.programmes.team_instance import NeedPair

SCOPE_WORDS = {"region": ("地区", "District"), "park": ("园区", "Park"), "chain": ("产业链", "Industry chain")}
TEAM_HEADERS = (
    "入选顺序 / Order",
    "标识 / Uid",
    "名称 / Name",
    "类型 / Kind",
    "所属地区 / Region",
    "边际收益 / Marginal gain",
    "新覆盖需求数 / Needs newly covered",
    "可服务需求数 / Needs it could serve",
    "新覆盖企业 / Enterprises newly covered",
    "必选 / Required",
)
COVERS_HEADERS = (
    "成员 / Member",
    "成员名称 / Member name",
    "企业 / Enterprise",
    "企业名称 / Enterprise name",
    "需求领域 / Need",
    "需求名称 / Need name",
    "权重 / Weight",
    "来源 / Source",
)
UNCOVERED_HEADERS = (
    "企业 / Enterprise",
    "企业名称 / Enterprise name",
    "需求领域 / Need",
    "需求名称 / Need name",
    "权重 / Weight",
    "来源 / Source",
)


def _source(pair: NeedPair) -> str:
    return "提出的需求 / stated need" if pair.stated else "业务领域 / field worked in"


def title_block(team: ServiceTeam, version: str, date: str) -> list[list[object]]:
    zh, en = SCOPE_WORDS[team.scope]
    share = team.covered / team.total if team.total else 0.0
    return [
        [f"科技专家服务团 / Expert service team：{team.place}"],
        [f"范围 / Scope：{zh} / {en} {team.place}（{team.enterprises} 家企业 / enterprises）"],
        [f"需求来源 / Needs read from：{team.basis.zh} / {team.basis.en}"],
        [f"覆盖 / Covered：{team.covered:g} / {team.total:g}（{share:.0%}）"],
        [
            f"最优团队至多覆盖 / The best team of this size covers at most：{team.optimum_at_most:g}"
            f"（贪心保证至少为最优的 1−1/e ≈ {team.guarantee} / greedy: at least 1 − 1/e of the best）"
        ],
        [f"生成日期 / Date：{date}"],
        [f"数据版本 / Data version：{version}"],
    ]


def tables(team: ServiceTeam, version: str, date: str) -> list[Table]:
    """The workbook's sheets: the team under a title block, who covers whom, and the uncovered."""
    team_rows: list[list[object]] = []
    cover_rows: list[list[object]] = []
    for order, member in enumerate(team.members, start=1):
        spec = KIND_SPECS[member.expert.kind]
        enterprises = list(dict.fromkeys(p.enterprise_name for p in member.covers))
        team_rows.append(
            [
                order,
                member.expert.uid,
                member.expert.name,
                spec.words,
                str(member.expert.properties.get("region") or ""),
                member.gain,
                len(member.covers),
                member.serves,
                "、".join(enterprises),
                "是 / yes" if member.forced else "否 / no",
            ]
        )
        for pair in member.covers:
            cover_rows.append(
                [
                    member.expert.uid,
                    member.expert.name,
                    pair.enterprise,
                    pair.enterprise_name,
                    pair.need,
                    pair.need_name,
                    pair.weight,
                    _source(pair),
                ]
            )
    uncovered_rows: list[list[object]] = [
        [p.enterprise, p.enterprise_name, p.need, p.need_name, p.weight, _source(p)] for p in team.uncovered
    ]
    return [
        Table("服务团 Team", TEAM_HEADERS, team_rows, frozen="C2", preamble=title_block(team, version, date)),
        Table("覆盖明细 Coverage", COVERS_HEADERS, cover_rows, frozen="C2"),
        Table("未覆盖 Uncovered", UNCOVERED_HEADERS, uncovered_rows, frozen="C2"),
    ]


def export_service_team(team: ServiceTeam, out: Path, version: str, today: dt.date | None = None) -> Path:
    """``out`` as .xlsx with the sheets of ``tables``."""
    return write_tables(tables(team, version, (today or dt.date.today()).isoformat()), out)
