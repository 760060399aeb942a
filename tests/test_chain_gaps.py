"""Chain gaps on a small hand-built chain whose answers are known; every count checked by direct Cypher."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.domain.records import EntityRecord, PropertyValue, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.chains.gaps import chain_gaps, segment_enterprises
from graph_service.services.edit import upsert_entity
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store.embedded import EmbeddedStore
from tests.api_client import api_client
from tests.raw_cypher import read_raw, write_raw

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType
ENTITIES: list[tuple[EntityKind, str, str, dict[str, PropertyValue]]] = [
    (K.REGION, "r:cd", "成都市", {}),
    (K.INDUSTRY_CHAIN, "c:x", "示例产业链", {}),
    (K.CHAIN_SEGMENT, "s:1", "材料", {"position": 1}),
    (K.CHAIN_SEGMENT, "s:2", "器件", {"position": 2}),
    (K.CHAIN_SEGMENT, "s:3", "整机", {"position": 3}),
    (K.FIELD, "f:mat", "材料学", {}),
    (K.FIELD, "f:dev", "器件学", {}),
    (K.FIELD, "f:dev-power", "功率器件", {}),
    (K.FIELD, "f:sys", "系统集成", {}),
    (K.ENTERPRISE, "e:1", "唯一材料厂", {"region": "成都市", "specialised": True}),
    (K.ENTERPRISE, "e:3a", "整机甲", {"region": "成都市", "chain_leader": True}),
    (K.ENTERPRISE, "e:3b", "整机乙", {"region": "重庆市"}),
    (K.SCIENTIST, "p:1", "器件专家（虚构）", {"region": "成都市"}),
    (K.SCIENTIST, "p:2", "系统专家（虚构）", {"region": "成都市"}),
    (K.SCIENTIST, "p:3", "系统专家乙（虚构）", {"region": "成都市"}),
    (K.INSTITUTION, "i:1", "示例研究院", {"region": "成都市"}),
    (K.INVESTOR, "v:1", "示例基金", {"region": "成都市"}),
    (K.SERVICE_AGENCY, "a:1", "示例转移中心", {"region": "成都市"}),
    (K.ACHIEVEMENT, "t:1", "示例成果", {}),
]
RELATIONS = [
    (R.PART_OF, "s:1", "c:x"),
    (R.PART_OF, "s:2", "c:x"),
    (R.PART_OF, "s:3", "c:x"),
    (R.NEXT, "s:1", "s:2"),
    (R.NEXT, "s:2", "s:3"),
    (R.REQUIRES, "s:1", "f:mat"),
    (R.REQUIRES, "s:2", "f:dev"),
    (R.REQUIRES, "s:3", "f:sys"),
    (R.BROADER, "f:dev-power", "f:dev"),
    (R.IN_SEGMENT, "e:1", "s:1"),
    (R.IN_SEGMENT, "e:3a", "s:3"),
    (R.IN_SEGMENT, "e:3b", "s:3"),
    (R.IN_FIELD, "p:1", "f:dev-power"),
    (R.IN_FIELD, "p:2", "f:sys"),
    (R.IN_FIELD, "p:3", "f:sys"),
    (R.IN_FIELD, "i:1", "f:sys"),
    (R.INVESTED_IN, "v:1", "e:3a"),
    (R.INVESTED_IN, "v:1", "e:3b"),
    (R.SERVES, "a:1", "e:3a"),
    (R.TRANSFERRED_TO, "t:1", "e:3a"),
]


@pytest.fixture
def chain(store: EmbeddedStore) -> EmbeddedStore:
    write_entities(store, [EntityRecord(k, u, {"uid": u, "name": n, **p}) for k, u, n, p in ENTITIES])
    write_relations(store, [RelationRecord(r, s, t) for r, s, t in RELATIONS])
    return store


def test_known_gaps(chain: EmbeddedStore) -> None:
    report = chain_gaps(chain, "c:x")
    assert [s.uid for s in report.segments] == ["s:1", "s:2", "s:3"]
    gaps = {s.uid: [g.kind.value for g in s.gaps] for s in report.segments}
    assert gaps["s:1"] == [
        "TALENT_GAP",
        "SINGLE_POINT",
        "CAPITAL_GAP",
        "SERVICE_GAP",
        "NO_TRANSFER",
        "NO_CHAIN_LEADER",
    ], "a specialised SME is no chain leader"
    assert gaps["s:2"] == ["NO_ENTERPRISE", "TALENT_GAP"], "one expert in a narrower field is too few"
    assert gaps["s:3"] == []
    s3 = report.segments[2].counts
    assert (
        s3.enterprises,
        s3.chain_leaders,
        s3.scientists,
        s3.institutions,
        s3.investors,
        s3.agencies,
        s3.transfers,
    ) == (
        2,
        1,
        2,
        1,
        1,
        1,
        1,
    )


def test_region_limits_the_counts(chain: EmbeddedStore) -> None:
    report = chain_gaps(chain, "c:x", region="成都市")
    s3 = report.segments[2]
    assert segment_enterprises(chain, report, s3) == ("e:3a",)
    assert [g.kind.value for g in s3.gaps] == ["SINGLE_POINT"]


def test_a_chain_with_no_leader_anywhere_has_that_gap_whole(chain: EmbeddedStore) -> None:
    assert chain_gaps(chain, "c:x").gaps == (), "整机甲 leads the chain"
    upsert_entity(chain, K.ENTERPRISE, {"uid": "e:3a", "name": "整机甲", "chain_leader": False})
    report = chain_gaps(chain, "c:x")
    [whole] = report.gaps
    assert (whole.kind.value, whole.severity) == ("NO_CHAIN_LEADER", 0.6)
    assert whole.zh == "整条「示例产业链」没有链主企业，缺少带动全链的龙头"
    assert "NO_CHAIN_LEADER" in [g.kind.value for g in report.segments[2].gaps]


def test_a_chain_of_one_city_counts_that_city_unless_told_otherwise(chain: EmbeddedStore) -> None:
    write_raw(chain, "MATCH (c:IndustryChain {uid: 'c:x'}) SET c.region = '成都市'")
    own = chain_gaps(chain, "c:x")
    assert (own.region, own.region_defaulted) == ("成都市", True)
    assert segment_enterprises(chain, own, own.segments[2]) == ("e:3a",), "重庆市's 整机乙 is not counted"
    assert own.scope[0] == "按产业链所在地成都市统计（可指定其他地区或全部地区）"
    every = chain_gaps(chain, "c:x", everywhere=True)
    assert (every.region, every.region_defaulted, every.scope[1]) == (None, False, "Counted in every region")
    assert segment_enterprises(chain, every, every.segments[2]) == ("e:3a", "e:3b")
    asked = chain_gaps(chain, "c:x", region="Chengdu")
    assert (asked.region, asked.region_defaulted, asked.scope[1]) == ("Chengdu", False, "Counted within Chengdu")


SEGMENT = "MATCH (:ChainSegment {uid: $s})<-[:IN_SEGMENT]-"


def _direct(store: EmbeddedStore, query: str, **params: Any) -> int:
    rows = read_raw(store, query, params)
    return int(rows[0]["n"])


def test_every_count_equals_a_direct_count(chain: EmbeddedStore) -> None:
    for segment in chain_gaps(chain, "c:x").segments:
        s = segment.uid
        c = segment.counts
        assert c.enterprises == _direct(
            chain, "MATCH (:ChainSegment {uid: $s})<-[:IN_SEGMENT]-(e:Enterprise) RETURN count(DISTINCT e) AS n", s=s
        )
        assert c.specialised == _direct(
            chain,
            "MATCH (:ChainSegment {uid: $s})<-[:IN_SEGMENT]-(e:Enterprise {specialised: true}) RETURN count(e) AS n",
            s=s,
        )
        assert c.investors == _direct(
            chain,
            SEGMENT + "(:Enterprise)<-[:INVESTED_IN]-(v:Investor) RETURN count(DISTINCT v) AS n",
            s=s,
        )
        assert c.agencies == _direct(
            chain,
            SEGMENT + "(:Enterprise)<-[:SERVES]-(a:ServiceAgency) RETURN count(DISTINCT a) AS n",
            s=s,
        )
        assert c.transfers == _direct(
            chain,
            SEGMENT + "(:Enterprise)<-[t:TRANSFERRED_TO]-(:Achievement) RETURN count(t) AS n",
            s=s,
        )
        assert c.scientists == _direct(
            chain,
            "MATCH (:ChainSegment {uid: $s})-[:REQUIRES]->(:Field)<-[:BROADER*0..3]-(:Field)"
            "<-[:IN_FIELD]-(p:Scientist) RETURN count(DISTINCT p) AS n",
            s=s,
        )


@pytest.fixture
def client(chain: EmbeddedStore) -> Iterator[TestClient]:
    with api_client(store=chain) as test_client:
        yield test_client


def test_chain_gaps_over_http(client: TestClient) -> None:
    query = """{ chainGaps(chain: "c:x") { name segments { name position coverage { enterprises scientists }
                 gaps { kind severity zh en } } } }"""
    body = client.post("/graphql", json={"query": query}).json()
    segments = body["data"]["chainGaps"]["segments"]
    assert [s["position"] for s in segments] == [1, 2, 3]
    assert segments[1]["gaps"][0]["kind"] == "NO_ENTERPRISE"
    assert "补链" in segments[1]["gaps"][0]["zh"]
    missing = client.post("/graphql", json={"query": '{ chainGaps(chain: "nope") { name } }'}).json()
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_close_gaps_prefers_a_recruit_that_closes_two_gaps(store: EmbeddedStore) -> None:
    from graph_service.services.chains.recruit import close_gaps

    entities: list[tuple[EntityKind, str, str, dict[str, PropertyValue]]] = [
        (K.INDUSTRY_CHAIN, "c:y", "双环节链", {}),
        (K.CHAIN_SEGMENT, "s:a", "甲环节", {"position": 1, "region": "成都市"}),
        (K.CHAIN_SEGMENT, "s:b", "乙环节", {"position": 2, "region": "成都市"}),
        (K.FIELD, "f:a", "甲领域", {}),
        (K.FIELD, "f:b", "乙领域", {}),
        (K.ENTERPRISE, "e:a", "甲企业", {"region": "成都市"}),
        (K.ENTERPRISE, "e:b", "乙企业", {"region": "成都市"}),
        (K.INVESTOR, "v:both", "两环节都投的基金", {"region": "重庆市"}),
        (K.INVESTOR, "v:one", "只投甲的基金", {"region": "成都市"}),
    ]
    relations = [
        (R.PART_OF, "s:a", "c:y"),
        (R.PART_OF, "s:b", "c:y"),
        (R.NEXT, "s:a", "s:b"),
        (R.REQUIRES, "s:a", "f:a"),
        (R.REQUIRES, "s:b", "f:b"),
        (R.IN_SEGMENT, "e:a", "s:a"),
        (R.IN_SEGMENT, "e:b", "s:b"),
        (R.IN_FIELD, "v:both", "f:a"),
        (R.IN_FIELD, "v:both", "f:b"),
        (R.IN_FIELD, "v:one", "f:a"),
    ]
    write_entities(store, [EntityRecord(k, u, {"uid": u, "name": n, **p}) for k, u, n, p in entities])
    write_relations(store, [RelationRecord(r, s, t) for r, s, t in relations])
    picks = close_gaps(store, "c:y", budget=3)
    assert picks[0].recruit.partner.uid == "v:both", "closes the capital gap of both segments, though from elsewhere"
    assert {(g.segment, g.kind.value) for g in picks[0].closes} == {("s:a", "CAPITAL_GAP"), ("s:b", "CAPITAL_GAP")}
    assert picks[0].gain == pytest.approx(1.2)
    assert "v:one" not in [p.recruit.partner.uid for p in picks], "nothing left for it to close"
    assert [p.gain for p in picks] == sorted((p.gain for p in picks), reverse=True)


def test_gap_suggestions_over_http(client: TestClient) -> None:
    query = """{ chainGaps(chain: "c:x", suggest: 2) {
                   segments { uid gaps { kind suggestions { partner { uid kind } } } } }
                 closeGaps(chain: "c:x", budget: 2) { gain closes { segment kind } recruit { partner { uid } } } }"""
    body = client.post("/graphql", json={"query": query}).json()
    assert "errors" not in body, body
    s1 = body["data"]["chainGaps"]["segments"][0]
    talent = next(g for g in s1["gaps"] if g["kind"] == "TALENT_GAP")
    assert all(s["partner"]["kind"] in {"SCIENTIST", "INSTITUTION", "WORKSTATION"} for s in talent["suggestions"])
    limit = client.post("/graphql", json={"query": '{ chainGaps(chain: "c:x", suggest: 11) { name } }'}).json()
    assert limit["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_gap_report_exports(chain: EmbeddedStore, tmp_path: Path, suffix: str) -> None:
    import csv

    import openpyxl

    from graph_service.services.chains.report_export import export_gap_report

    out = export_gap_report(chain_gaps(chain, "c:x"), tmp_path / f"gaps{suffix}")
    if suffix == ".xlsx":
        sheet = openpyxl.load_workbook(out).active
        assert sheet is not None
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        # Below the title block (tests/test_gap_workbook.py reads it).
        rows = rows[next(i for i, r in enumerate(rows) if r[0] == "顺序 / Position") :]
    else:
        with out.open(encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    assert rows[0][1] == "环节 / Segment"
    assert [str(r[1]) for r in rows[1:]] == ["材料", "器件", "整机"]
    assert "无本地企业（补链）" in str(rows[2][11])


def test_broken_chains(chain: EmbeddedStore, client: TestClient) -> None:
    write_entities(chain, [EntityRecord(K.ACHIEVEMENT, "t:idle", {"uid": "t:idle", "name": "闲置成果"})])
    write_relations(
        chain,
        [
            RelationRecord(R.IN_FIELD, "t:idle", "f:mat"),
            RelationRecord(R.NEEDS, "e:1", "f:mat"),
            RelationRecord(R.NEEDS, "e:3a", "f:sys"),
        ],
    )
    body = client.post(
        "/graphql",
        json={
            "query": '{ brokenChains(chain: "c:x") { idleTotal unservedTotal idleAchievements { uid } '
            "unservedEnterprises { uid needs } } }"
        },
    ).json()
    broken = body["data"]["brokenChains"]
    assert broken["idleAchievements"] == [{"uid": "t:idle"}]
    # e:3a received a transfer; e:1 needs 材料学 and nothing reached it.
    assert broken["unservedEnterprises"] == [{"uid": "e:1", "needs": ["材料学"]}]
