"""The networkx ecosystem report on the small hand-built ecosystem, and its cache."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from graph_service.cli.commands.reports import cmd_report_ecosystem
from graph_service.cli.main import build_parser
from graph_service.domain.records import EntityRecord
from graph_service.ontology import EntityKind
from graph_service.services.analytics.report import ReportCache, compute
from graph_service.services.analytics.report_export import CSV_HEADERS, export_ecosystem_report, tables
from graph_service.services.ingest.writer import write_entities
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem
from tests.api_client import api_client

pytestmark = pytest.mark.both_engines


def test_brokers_isolated_and_four_parties(store: EmbeddedStore) -> None:
    ecosystem.build(store)
    write_entities(store, [EntityRecord(EntityKind.SERVICE_AGENCY, "a:alone", {"uid": "a:alone", "name": "孤立机构"})])
    report = compute(store)
    # sci:c links the electronics society's people to the enterprise and its investor.
    assert report.brokers[0].uid in {"sci:c", "sci:b", "ent:x"}
    # ent:y only states a field: no tie to anyone, so an outreach target too.
    assert [i.uid for i in report.isolated] == ["a:alone", "ent:y"]
    assert report.isolated_count == 2
    # ent:x has staff (a scientist) and an investor: 3 parties; ent:y has none: 1.
    assert report.four_party == {1: 1, 3: 1}
    assert report.entities > 0
    assert report.ties > 0


def test_cache_is_reused_until_the_graph_changes(store: EmbeddedStore) -> None:
    ecosystem.build(store)
    cache = ReportCache()
    first = cache.get(store)
    assert cache.get(store) is first
    write_entities(store, [EntityRecord(EntityKind.SCIENTIST, "sci:new", {"uid": "sci:new", "name": "新人（虚构）"})])
    second = cache.get(store)
    assert second is not first
    assert second.isolated_count == first.isolated_count + 1


def test_report_over_http(store: EmbeddedStore) -> None:
    ecosystem.build(store)
    with api_client(store=store) as client:
        body = client.post(
            "/graphql",
            json={"query": "{ ecosystemReport { entities ties brokers { name value } fourParty { key count } } }"},
        ).json()
    assert body["data"]["ecosystemReport"]["fourParty"] == [{"key": "1", "count": 1}, {"key": "3", "count": 1}]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_report_exports_every_finding(store: EmbeddedStore, tmp_path: Path, suffix: str) -> None:
    ecosystem.build(store)
    report = compute(store)
    out = export_ecosystem_report(report, tmp_path / f"ecosystem{suffix}")
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(out)
        assert book.sheetnames == [t.title for t in tables(report)]
        isolated = [[c.value for c in row] for row in book["待联络 Isolated"].iter_rows()]
        assert isolated[0][:3] == ["排名 / Rank", "标识 / Uid", "名称 / Name"]
        assert [r[1] for r in isolated[1:]] == [i.uid for i in report.isolated]
        brokers = [[c.value for c in row] for row in book["中介者 Brokers"].iter_rows()]
        assert brokers[1][1] == report.brokers[0].uid
    else:
        with out.open(encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
        # One header, and every row of its shape.
        assert rows[0] == list(CSV_HEADERS)
        assert "部分 / Section" not in [r[0] for r in rows[1:]]
        assert {len(r) for r in rows} == {len(CSV_HEADERS)}
        sections = {r[0] for r in rows[1:]}
        assert sections >= {"概览 Summary", "中介者 Brokers", "四方完整度 Four parties"}
        brokers = [r for r in rows if r[0] == "中介者 Brokers"]
        assert brokers[0][2] == report.brokers[0].uid
        four = [r for r in rows if r[0] == "四方完整度 Four parties"]
        assert [int(r[6]) for r in four] == list(report.four_party.values())
        assert all(f"具备 {n} 方" in r[5] for n, r in zip(report.four_party, four, strict=True))


def test_report_ecosystem_command_is_wired() -> None:
    args = build_parser().parse_args(["report", "ecosystem", "--region", "成都市", "--out", "r.xlsx"])
    assert args.func is cmd_report_ecosystem
    assert (args.region, args.top) == ("成都市", 100)


def test_interactive_report_refuses_a_projection_too_large(store: EmbeddedStore) -> None:
    from graph_service.errors import LimitExceededError

    ecosystem.build(store)
    with pytest.raises(LimitExceededError, match="region"):
        compute(store, max_nodes=2)
    assert compute(store, max_nodes=1000).entities > 2
