"""The workstation review on a small hand-built ecosystem whose answers are known; figures checked by direct Cypher."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from starlette.testclient import TestClient

from graph_service.cli.commands import programme_reports
from graph_service.cli.main import build_parser
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.programmes.workstation_export import CANDIDATE_SHEET, REVIEW_SHEET
from graph_service.services.programmes.workstation_review import Activity, Verdict, review_workstations
from graph_service.store import GraphStore
from tests.api_client import api_client, error_codes, graphql_post
from tests.raw_cypher import read_raw

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType
ENTITIES: list[tuple[EntityKind, str, str, dict[str, Any]]] = [
    (K.REGION, "r:cd", "成都市", {"level": "city", "name_en": "Chengdu"}),
    (K.REGION, "r:gx", "高新区", {"level": "district"}),
    (K.REGION, "r:cq", "重庆市", {"level": "city"}),
    (K.INDUSTRY_CHAIN, "c:w", "示例链", {}),
    (K.CHAIN_SEGMENT, "s:1", "示例环节", {"position": 1}),
    (K.FIELD, "f:x", "材料", {"name_en": "Materials"}),
    (K.FIELD, "f:x1", "薄膜", {}),
    (K.ENTERPRISE, "e:host1", "链主依托企业", {"region": "成都市", "chain_leader": True}),
    (K.ENTERPRISE, "e:host2", "普通依托企业", {"region": "高新区"}),
    (K.ENTERPRISE, "e:cand", "候选企业", {"region": "成都市"}),
    (K.ENTERPRISE, "e:nochain", "无环节企业", {"region": "成都市"}),
    (K.ENTERPRISE, "e:hosted", "站已退出企业", {"region": "成都市"}),
    (K.ENTERPRISE, "e:far", "重庆候选企业", {"region": "重庆市"}),
    (K.INSTITUTION, "i:cand", "候选研究院", {"region": "成都市"}),
    (K.SCIENTIST, "a:1", "院士甲（虚构）", {"region": "重庆市", "is_academician": True, "name_en": "Academician A"}),
    (K.SCIENTIST, "p:1", "专家乙（虚构）", {"region": "成都市"}),
    (K.SCIENTIST, "p:2", "专家丙（虚构）", {"region": "成都市"}),
    (K.WORKSTATION, "w:1", "院士工作站一", {"region": "成都市", "station_kind": "academician", "status": "active"}),
    (K.WORKSTATION, "w:2", "专家工作站二", {"region": "高新区", "station_kind": "expert"}),
    (K.WORKSTATION, "w:3", "已退出工作站", {"region": "成都市", "station_kind": "academician", "status": "exited"}),
    (K.WORKSTATION, "w:4", "服务站", {"region": "成都市", "station_kind": "service_station"}),
    (K.WORKSTATION, "w:5", "重庆空站", {"region": "重庆市", "station_kind": "expert"}),
    (K.ACHIEVEMENT, "t:1", "合作成果", {}),
    (K.ACHIEVEMENT, "t:2", "转出成果", {}),
    (K.ACHIEVEMENT, "t:3", "无年份成果", {}),
    (K.ACHIEVEMENT, "t:old", "进站前成果", {}),
]
RELATIONS: list[tuple[RelationType, str, str, dict[str, Any]]] = [
    (R.WITHIN, "r:gx", "r:cd", {}),
    (R.PART_OF, "s:1", "c:w", {}),
    (R.REQUIRES, "s:1", "f:x", {}),
    (R.BROADER, "f:x1", "f:x", {}),
    (R.IN_SEGMENT, "e:host1", "s:1", {"role": "integrator"}),
    (R.IN_SEGMENT, "e:cand", "s:1", {}),
    (R.IN_SEGMENT, "e:hosted", "s:1", {}),
    (R.IN_SEGMENT, "e:far", "s:1", {}),
    (R.NEEDS, "e:cand", "f:x", {"priority": 4}),
    (R.NEEDS, "e:nochain", "f:x", {}),
    (R.NEEDS, "e:hosted", "f:x", {}),
    (R.NEEDS, "e:far", "f:x", {}),
    (R.IN_FIELD, "a:1", "f:x1", {}),
    (R.IN_FIELD, "i:cand", "f:x1", {}),
    (R.HOSTED_BY, "w:1", "e:host1", {}),
    (R.HOSTED_BY, "w:2", "e:host2", {}),
    (R.HOSTED_BY, "w:3", "e:hosted", {}),
    (R.STATIONED_AT, "a:1", "w:1", {"year": 2018}),
    (R.STATIONED_AT, "p:1", "w:1", {"year": 2020}),
    (R.STATIONED_AT, "p:2", "w:2", {}),
    (R.COLLABORATED_WITH, "a:1", "e:host1", {"year": 2019}),
    # Written from the host's end: a collaboration either way counts.
    (R.COLLABORATED_WITH, "e:host1", "p:1", {"year": 2022}),
    (R.COLLABORATED_WITH, "p:2", "e:host2", {}),
    (R.DEVELOPED, "a:1", "t:1", {"year": 2019}),
    (R.DEVELOPED, "p:1", "t:1", {"year": 2021}),
    (R.DEVELOPED, "p:1", "t:2", {"year": 2023}),
    (R.DEVELOPED, "p:2", "t:3", {}),
    (R.DEVELOPED, "a:1", "t:old", {"year": 2015}),
    (R.TRANSFERRED_TO, "t:1", "e:host1", {"year": 2020}),
    (R.TRANSFERRED_TO, "t:2", "e:cand", {"year": 2024}),
    (R.TRANSFERRED_TO, "t:old", "e:host1", {"year": 2016}),
]


@pytest.fixture(scope="module")
def eco(module_store: GraphStore) -> GraphStore:
    write_entities(module_store, [EntityRecord(k, u, {"uid": u, "name": n, **p}) for k, u, n, p in ENTITIES])
    write_relations(module_store, [RelationRecord(r, s, t, p) for r, s, t, p in RELATIONS])
    return module_store


def test_known_review(eco: GraphStore) -> None:
    review = review_workstations(eco)
    assert [(s.uid, s.score, s.verdict) for s in review.stations] == [
        ("w:1", 21, Verdict.RENEW),
        ("w:2", 5, Verdict.WATCH),
        ("w:5", 0, Verdict.CONSIDER_CLOSING),
    ], "the exited station and the service station are not reviewed"
    w1, w2, w5 = review.stations
    assert w1.activity == Activity(2, 1, 2, 2, 2, 1), "t:1 developed by two experts counts once; t:old predates"
    assert w1.host is not None
    assert (w1.host.chain_leader, [r.segment for r in w1.host.roles]) == (True, ["s:1"])
    assert w1.host.kind is K.ENTERPRISE
    assert w2.activity == Activity(1, 0, 1, 1, 0, 0)
    assert w5.host is None
    assert w5.reasons[0].zh == "没有专家进站"
    assert review.verdicts == {Verdict.RENEW: 1, Verdict.WATCH: 1, Verdict.CONSIDER_CLOSING: 1}
    assert [c.uid for c in review.candidates] == ["e:cand", "e:far", "e:hosted", "i:cand"]


def test_since_counts_only_dated_activity_from_that_year(eco: GraphStore) -> None:
    review = review_workstations(eco, "成都市", 2021)
    assert review.region == "成都市"
    assert [(s.uid, s.score, s.verdict) for s in review.stations] == [
        ("w:1", 16, Verdict.RENEW),
        ("w:2", 1, Verdict.CONSIDER_CLOSING),
    ], "高新区 lies within 成都市; 重庆's station is left out"
    assert review.stations[0].activity == Activity(2, 1, 1, 2, 1, 0)
    assert review.stations[1].activity == Activity(1, 0, 0, 0, 0, 0), "undated ties cannot be placed in the period"
    assert "2021 年以来" in review.stations[0].reasons[1].zh


def test_candidate_hosts_and_reasons(eco: GraphStore) -> None:
    candidates = review_workstations(eco, "Chengdu").candidates
    assert [(c.uid, c.score) for c in candidates] == [("e:cand", 4), ("e:hosted", 4), ("i:cand", 4)]
    cand = candidates[0]
    assert [(m.field, m.priority, m.academicians) for m in cand.matches] == [("f:x", 4, (("a:1", "院士甲（虚构）"),))]
    assert cand.reasons[0].zh == "技术需求「材料」（优先级 4）有院士可对接：院士甲（虚构）"
    # English reasons name the field and the academician in English where the graph records it.
    assert cand.reasons[0].en == "Its need in Materials (priority 4) matches academicians: Academician A"
    assert cand.reasons[-1].en == "Hosts no workstation yet"
    institution = candidates[2]
    assert (institution.kind, [m.field for m in institution.matches]) == (EntityKind.INSTITUTION, ["f:x1"])


DIRECT = {
    "experts": "MATCH (p:Scientist)-[:STATIONED_AT]->(:Entity {uid: $w}) RETURN count(DISTINCT p) AS n",
    "collaborations": "MATCH (p:Scientist)-[:STATIONED_AT]->(w:Entity {uid: $w})-[:HOSTED_BY]->(h) "
    "MATCH (p)-[c:COLLABORATED_WITH]-(h) WHERE $since IS NULL OR c.year >= $since RETURN count(DISTINCT c) AS n",
    "developed": "MATCH (p:Scientist)-[st:STATIONED_AT]->(:Entity {uid: $w}) MATCH (p)-[d:DEVELOPED]->(a) "
    "WHERE coalesce(d.year, 9999) >= coalesce(st.year, 0) AND ($since IS NULL OR d.year >= $since) "
    "RETURN count(DISTINCT a) AS n",
    "transferred": "MATCH (p:Scientist)-[st:STATIONED_AT]->(:Entity {uid: $w}) MATCH (p)-[d:DEVELOPED]->(a) "
    "WHERE coalesce(d.year, 9999) >= coalesce(st.year, 0) AND ($since IS NULL OR d.year >= $since) "
    "MATCH (a)-[t:TRANSFERRED_TO]->(:Enterprise) WHERE $since IS NULL OR t.year >= $since "
    "RETURN count(DISTINCT a) AS n",
}


@pytest.mark.parametrize("since", [None, 2021])
def test_activity_equals_direct_counts(eco: GraphStore, since: int | None) -> None:
    for station in review_workstations(eco, since=since).stations:
        for figure, query in DIRECT.items():
            direct = int(read_raw(eco, query, {"w": station.uid, "since": since})[0]["n"])
            assert getattr(station.activity, figure) == direct, (station.uid, figure)


def test_bad_arguments_name_themselves(eco: GraphStore) -> None:
    with pytest.raises(InvalidInputError, match="since") as caught:
        review_workstations(eco, since=1800)
    assert [p.field for p in caught.value.problems] == ["since"]
    with pytest.raises(NotFoundError, match=r"^region: "):
        review_workstations(eco, "火星市")
    with pytest.raises(LimitExceededError, match="first"):
        review_workstations(eco, first=0)
    with pytest.raises(LimitExceededError, match="candidates"):
        review_workstations(eco, candidates=101)


@pytest.fixture(scope="module")
def client(eco: GraphStore) -> Iterator[TestClient]:
    with api_client(store=eco) as test_client:
        yield test_client


def test_review_over_http(client: TestClient) -> None:
    query = """{ reviewWorkstations(region: "成都市", since: 2021, candidates: 2) {
                 region since renewScore rule { zh en } reviewed verdicts { renew watch considerClosing }
                 stations { uid score verdict activity { experts collaborations developed transferred }
                            host { uid chainLeader roles { segment } } reasons { zh en } }
                 candidates { uid kind score matches { field priority academicians } } } }"""
    body = graphql_post(client, query)
    assert "errors" not in body, body
    answer = body["data"]["reviewWorkstations"]
    assert (answer["region"], answer["since"], answer["renewScore"], answer["reviewed"]) == ("成都市", 2021, 10, 2)
    assert "考虑退出" in answer["rule"]["zh"]
    assert answer["verdicts"] == {"renew": 1, "watch": 0, "considerClosing": 1}
    w1 = answer["stations"][0]
    assert (w1["uid"], w1["score"], w1["verdict"]) == ("w:1", 16, "RENEW")
    assert w1["activity"] == {"experts": 2, "collaborations": 1, "developed": 2, "transferred": 1}
    assert w1["host"] == {"uid": "e:host1", "chainLeader": True, "roles": [{"segment": "s:1"}]}
    assert [c["uid"] for c in answer["candidates"]] == ["e:cand", "e:hosted"]
    assert answer["candidates"][0]["matches"] == [{"field": "f:x", "priority": 4, "academicians": ["院士甲（虚构）"]}]
    bad = graphql_post(client, "{ reviewWorkstations(since: 1800) { reviewed } }")
    assert error_codes(bad) == ["INVALID_INPUT"]
    assert bad["errors"][0]["extensions"]["problems"][0]["field"] == "since"


def test_workbook_reads_back(eco: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(programme_reports, "open_graph", lambda args: contextlib.nullcontext(eco))
    out = tmp_path / "ws.xlsx"
    args = build_parser().parse_args(
        ["report", "workstations", "--region", "成都市", "--since", "2021", "--out", str(out)]
    )
    assert args.func(args) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [REVIEW_SHEET, CANDIDATE_SHEET]
    rows = [[c.value for c in row] for row in book[REVIEW_SHEET].iter_rows()]
    assert "2021" in str(rows[2][0])
    header = next(i for i, r in enumerate(rows) if r[0] == "排名 / Rank")
    headers = [str(h) for h in rows[header]]
    stations = [dict(zip(headers, r, strict=True)) for r in rows[header + 1 :]]
    assert [(s["标识 / Uid"], s["活跃度 / Score"], s["结论 / Verdict"]) for s in stations] == [
        ("w:1", 16, "建议续设 / Renew"),
        ("w:2", 1, "考虑退出 / Consider closing"),
    ]
    assert stations[0]["进站专家 / Experts"] == 2
    assert stations[0]["产业链环节 / Chain segments"] == "示例环节"
    candidates = [[c.value for c in row] for row in book[CANDIDATE_SHEET].iter_rows()]
    assert [r[1] for r in candidates[1:]] == ["e:cand", "e:hosted", "i:cand"]
    assert "院士甲（虚构）" in str(candidates[1][8])
