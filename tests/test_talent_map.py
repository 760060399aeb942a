"""The talent map on a small hand-built chain whose answers are known; every count checked by direct Cypher."""

from __future__ import annotations

import contextlib
import csv
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
from graph_service.services.programmes.talent_export import HEAT_COLOURS, HEAT_SHEET, export_talent_map
from graph_service.services.programmes.talent_map import SENIOR_TITLES, TalentCounts, talent_map
from graph_service.store import GraphStore
from tests.api_client import api_client, error_codes, graphql_post
from tests.raw_cypher import read_raw

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType
ENTITIES: list[tuple[EntityKind, str, str, dict[str, Any]]] = [
    (K.REGION, "r:sc", "四川省", {"level": "province"}),
    (K.REGION, "r:cd", "成都市", {"level": "city", "name_en": "Chengdu"}),
    (K.REGION, "r:gx", "高新区", {"level": "district"}),
    (K.REGION, "r:my", "绵阳市", {"level": "city", "name_en": "Mianyang"}),
    (K.REGION, "r:cq", "重庆市", {"level": "city", "name_en": "Chongqing"}),
    (K.REGION, "r:yc", "永川区", {"level": "district"}),
    (K.REGION, "r:cy", "成渝", {"level": "zone"}),
    (K.REGION, "r:bj", "北京市", {"level": "city"}),
    (K.INDUSTRY_CHAIN, "c:t", "示例人才链", {"region": "成都市", "name_en": "Example chain"}),
    # Positions disagree with NEXT on purpose: NEXT orders the map.
    (K.CHAIN_SEGMENT, "s:up", "上游材料", {"position": 2, "name_en": "Materials"}),
    (K.CHAIN_SEGMENT, "s:mid", "中游器件", {"position": 1}),
    (K.CHAIN_SEGMENT, "s:down", "下游整机", {"position": 3}),
    (K.INDUSTRY_CHAIN, "c:n", "无城市链", {}),
    (K.CHAIN_SEGMENT, "s:n", "无城市环节", {"position": 1}),
    (K.FIELD, "f:a", "材料学", {}),
    (K.FIELD, "f:a1", "薄膜材料", {}),
    (K.FIELD, "f:b", "器件学", {}),
    (K.FIELD, "f:c", "系统集成", {}),
    (K.SCIENTIST, "p:1", "院士甲（虚构）", {"region": "成都市", "is_academician": True}),
    (K.SCIENTIST, "p:2", "教授乙（虚构）", {"region": "高新区", "title": "教授", "young": True, "overseas": True}),
    (K.SCIENTIST, "p:3", "工程师丙（虚构）", {"region": "永川区", "title": "工程师", "young": True}),
    (K.SCIENTIST, "p:4", "丁（虚构）", {"region": "重庆市"}),
    (K.SCIENTIST, "p:5", "研究员戊（虚构）", {"region": "绵阳市", "title": "研究员"}),
    (K.SCIENTIST, "p:6", "己（虚构）", {"region": "北京市", "title": "院士"}),
    (K.SCIENTIST, "p:7", "庚（虚构）", {}),
    (K.INSTITUTION, "i:1", "重庆示例研究院", {"region": "重庆市"}),
    (K.INSTITUTION, "i:2", "成都示例大学", {"region": "成都市"}),
    (K.INSTITUTION, "i:3", "北京示例研究所", {"region": "北京市"}),
    (K.INSTITUTION, "i:4", "绵阳示例大学", {"region": "绵阳市"}),
    (K.SOCIETY, "soc:1", "重庆示例学会", {"region": "重庆市"}),
    (K.WORKSTATION, "w:1", "永川示例工作站", {"region": "永川区"}),
]
RELATIONS: list[tuple[RelationType, str, str]] = [
    (R.WITHIN, "r:cd", "r:sc"),
    (R.WITHIN, "r:my", "r:sc"),
    (R.WITHIN, "r:gx", "r:cd"),
    (R.WITHIN, "r:yc", "r:cq"),
    (R.WITHIN, "r:cd", "r:cy"),
    (R.WITHIN, "r:cq", "r:cy"),
    (R.PART_OF, "s:up", "c:t"),
    (R.PART_OF, "s:mid", "c:t"),
    (R.PART_OF, "s:down", "c:t"),
    (R.PART_OF, "s:n", "c:n"),
    (R.NEXT, "s:up", "s:mid"),
    (R.NEXT, "s:mid", "s:down"),
    (R.REQUIRES, "s:up", "f:a"),
    (R.REQUIRES, "s:mid", "f:b"),
    (R.REQUIRES, "s:down", "f:c"),
    (R.BROADER, "f:a1", "f:a"),
    (R.IN_FIELD, "p:1", "f:a"),
    (R.IN_FIELD, "p:2", "f:a1"),
    (R.IN_FIELD, "p:3", "f:a"),
    # In a field and in the field under it: counted once.
    (R.IN_FIELD, "p:4", "f:a"),
    (R.IN_FIELD, "p:4", "f:a1"),
    (R.IN_FIELD, "p:4", "f:b"),
    (R.IN_FIELD, "p:5", "f:b"),
    (R.IN_FIELD, "p:6", "f:b"),
    (R.IN_FIELD, "p:7", "f:b"),
    (R.IN_FIELD, "i:1", "f:a"),
    (R.IN_FIELD, "i:2", "f:a"),
    (R.IN_FIELD, "soc:1", "f:b"),
    (R.IN_FIELD, "w:1", "f:a"),
    (R.AFFILIATED_WITH, "p:1", "i:2"),
    (R.AFFILIATED_WITH, "p:3", "i:1"),
    (R.AFFILIATED_WITH, "p:4", "i:1"),
    (R.AFFILIATED_WITH, "p:5", "i:4"),
    (R.AFFILIATED_WITH, "p:6", "i:3"),
    (R.MEMBER_OF, "p:4", "soc:1"),
    (R.MEMBER_OF, "p:5", "soc:1"),
]


@pytest.fixture(scope="module")
def chain(module_store: GraphStore) -> GraphStore:
    write_entities(module_store, [EntityRecord(k, u, {"uid": u, "name": n, **p}) for k, u, n, p in ENTITIES])
    write_relations(module_store, [RelationRecord(r, s, t) for r, s, t in RELATIONS])
    return module_store


def test_known_talent_map(chain: GraphStore) -> None:
    found = talent_map(chain, "c:t")
    assert (found.region, found.region_en, found.region_defaulted) == ("成都市", "Chengdu", True)
    assert [s.uid for s in found.segments] == ["s:up", "s:mid", "s:down"], "NEXT order, not position"
    up, mid, down = found.segments
    assert up.inside == TalentCounts(scientists=2, academicians=1, senior=1, overseas=1, institutions=1)
    assert up.outside == TalentCounts(scientists=2, young=1, other=1, institutions=1, workstations=1)
    assert [(p.place, p.steps, p.counts.total) for p in up.places] == [("成都市", 0, 3), ("重庆市", 1, 4)]
    assert (up.share_outside, up.mostly_outside) == (0.5714, True)
    assert [(o.uid, o.scientists) for o in up.institutions] == [("i:1", 2)], "成都示例大学 is inside"
    assert [(o.uid, o.scientists) for o in up.societies] == [("soc:1", 1)]
    assert mid.inside.total == 0
    assert mid.unrecorded == TalentCounts(scientists=1, other=1)
    assert [(p.place, p.counts.total) for p in mid.biggest_outside] == [("重庆市", 2), ("绵阳市", 1), ("北京市", 1)]
    assert [p.place for p in mid.nearest_outside] == ["重庆市", "绵阳市"], "北京市 shares no region with 成都市"
    assert (mid.outside.academicians, mid.outside.senior) == (1, 1), "院士 by title; 研究员 is senior"
    assert [(o.uid, o.scientists) for o in mid.institutions] == [("i:1", 1), ("i:3", 1), ("i:4", 1)]
    assert [(o.uid, o.scientists) for o in mid.societies] == [("soc:1", 2)]
    assert (down.inside.total, down.outside.total, down.mostly_outside) == (0, 0, False)
    assert found.places == ("成都市", "重庆市", "绵阳市", "北京市", "")
    assert [s.uid for s in found.mostly_outside] == ["s:up", "s:mid"]
    zh, en = up.reason(found.region, found.region_en)
    assert zh == "「上游材料」所需人才多在成都市以外：4/7（57%），最集中于重庆市（4）"
    assert en == "Most of the talent Materials needs is outside Chengdu: 4/7 (57%), most in Chongqing (4)"


def test_each_scientist_is_in_one_tier(chain: GraphStore) -> None:
    for segment in talent_map(chain, "c:t").segments:
        for counts in (segment.inside, segment.outside, segment.unrecorded):
            assert counts.scientists == counts.academicians + counts.senior + counts.young + counts.other


TALENT = (
    "MATCH (:Entity {uid: $s})-[:REQUIRES]->(:Field)<-[:BROADER*0..3]-(:Field)<-[:IN_FIELD]-(x:Entity) "
    "WHERE x.kind = $kind AND {where} RETURN count(DISTINCT x) AS n"
)


def _direct(store: GraphStore, where: str, **params: Any) -> int:
    return int(read_raw(store, TALENT.replace("{where}", where), params)[0]["n"])


@pytest.mark.parametrize("region", ["成都市", "重庆市"])
def test_every_count_equals_a_direct_count(chain: GraphStore, region: str) -> None:
    inside = [
        r["name"]
        for r in read_raw(
            chain, "MATCH (r:Region)-[:WITHIN*0..3]->(:Region {name: $r}) RETURN r.name AS name", {"r": region}
        )
    ]
    found = talent_map(chain, "c:t", region)
    kinds = {
        "Scientist": "scientists",
        "Institution": "institutions",
        "Society": "societies",
        "Workstation": "workstations",
    }
    for segment in found.segments:
        for kind, attr in kinds.items():
            params = {"s": segment.uid, "kind": kind, "inside": inside}
            assert getattr(segment.inside, attr) == _direct(chain, "x.region IN $inside", **params)
            assert getattr(segment.outside, attr) == _direct(chain, "NOT x.region IN $inside", **params)
            assert getattr(segment.unrecorded, attr) == _direct(chain, "x.region IS NULL", **params)
        params = {"s": segment.uid, "kind": "Scientist", "inside": inside, "titles": list(SENIOR_TITLES)}
        academician = "(coalesce(x.is_academician, false) OR coalesce(x.title, '') = '院士')"
        assert segment.inside.academicians == _direct(chain, f"x.region IN $inside AND {academician}", **params)
        assert segment.outside.senior == _direct(
            chain, f"NOT x.region IN $inside AND NOT {academician} AND x.title IN $titles", **params
        )
        assert segment.inside.overseas + segment.outside.overseas + segment.unrecorded.overseas == _direct(
            chain, "x.overseas = true", **params
        )


def test_a_region_by_another_name_and_its_districts(chain: GraphStore) -> None:
    assert talent_map(chain, "c:t", "Chengdu").segments[0].inside.total == 3
    chongqing = talent_map(chain, "c:t", "重庆")
    assert (chongqing.region, chongqing.region_defaulted) == ("重庆市", False)
    up = chongqing.segments[0]
    assert up.inside.total == 4, "永川区 lies within 重庆市"
    assert [(p.place, p.steps) for p in up.places] == [("重庆市", 0), ("成都市", 1)]


def test_bad_arguments_name_themselves(chain: GraphStore) -> None:
    with pytest.raises(NotFoundError, match=r"^chain: "):
        talent_map(chain, "c:none")
    with pytest.raises(NotFoundError, match=r"^region: "):
        talent_map(chain, "c:t", "火星市")
    with pytest.raises(LimitExceededError, match="top"):
        talent_map(chain, "c:t", top=0)
    with pytest.raises(InvalidInputError, match=r"^region: the chain has no city"):
        talent_map(chain, "c:n")
    assert talent_map(chain, "c:n", "成都市").segments[0].uid == "s:n"


@pytest.fixture(scope="module")
def client(chain: GraphStore) -> Iterator[TestClient]:
    with api_client(store=chain) as test_client:
        yield test_client


def test_talent_map_over_http(client: TestClient) -> None:
    query = """{ talentMap(chain: "c:t", top: 2) { region places segments { uid mostlyOutside shareOutside
                 inRegion { scientists academicians total } biggestOutside { place counts { total } }
                 institutions { uid kind scientists } zh en } } }"""
    body = graphql_post(client, query)
    assert "errors" not in body, body
    answer = body["data"]["talentMap"]
    assert answer["places"] == ["成都市", "重庆市", "绵阳市", "北京市", ""]
    up, mid, _ = answer["segments"]
    assert (up["uid"], up["mostlyOutside"], up["shareOutside"]) == ("s:up", True, 0.5714)
    assert up["inRegion"] == {"scientists": 2, "academicians": 1, "total": 3}
    assert up["institutions"] == [{"uid": "i:1", "kind": "INSTITUTION", "scientists": 2}]
    assert [p["place"] for p in mid["biggestOutside"]] == ["重庆市", "绵阳市"], "top 2"
    missing = graphql_post(client, '{ talentMap(chain: "nope") { region } }')
    assert error_codes(missing) == ["NOT_FOUND"]
    assert missing["errors"][0]["message"].startswith("chain: ")
    nowhere = graphql_post(client, '{ talentMap(chain: "c:t", region: "火星市") { region } }')
    assert error_codes(nowhere) == ["NOT_FOUND"]
    assert nowhere["errors"][0]["message"].startswith("region: ")


def test_workbook_reads_back(chain: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(programme_reports, "open_graph", lambda args: contextlib.nullcontext(chain))
    out = tmp_path / "talent.xlsx"
    args = build_parser().parse_args(["report", "talent", "--chain", "c:t", "--out", str(out)])
    assert args.func(args) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == [HEAT_SHEET, "环节汇总 Segments"]
    assert book.sheetnames[2:] == ["01 上游材料", "02 中游器件", "03 下游整机"]
    heat = book[HEAT_SHEET]
    rows = [[c.value for c in row] for row in heat.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "顺序 / Order")
    assert rows[header][:7] == [
        "顺序 / Order",
        "环节 / Segment",
        "成都市（本地区）/ Chengdu (home)",
        "重庆市 / Chongqing",
        "绵阳市 / Mianyang",
        "北京市 / 北京市",
        "未注明地区 / Unrecorded",
    ]
    assert [r[:7] for r in rows[header + 1 :]] == [
        [1, "上游材料", 3, 4, 0, 0, 0],
        [2, "中游器件", 0, 2, 1, 1, 1],
        [3, "下游整机", 0, 0, 0, 0, 0],
    ]
    [(cells, [rule])] = [(str(r.sqref), r.rules) for r in heat.conditional_formatting]
    assert cells == f"C{header + 2}:G{header + 4}", "the place columns of the three segment rows"
    assert rule.type == "colorScale"
    assert [c.rgb[-6:] for c in rule.colorScale.color] == list(HEAT_COLOURS)
    sheet = [[c.value for c in row] for row in book["02 中游器件"].iter_rows()]
    assert sheet[0][:5] == ["类别 / Type", "名称 / Name", "标识 / Uid", "所在地区 / Region", "层级距离 / Steps"]
    sources = [(r[0], r[2], r[5]) for r in sheet[1:] if r[2]]
    assert sources == [
        ("可招引高校/科研院所 / Institution to recruit from", "i:1", 1),
        ("可招引高校/科研院所 / Institution to recruit from", "i:3", 1),
        ("可招引高校/科研院所 / Institution to recruit from", "i:4", 1),
        ("可招引学会/协会 / Society to recruit from", "soc:1", 2),
    ]
    flat = tmp_path / "talent.csv"
    export_talent_map(talent_map(chain, "c:t"), flat)
    with flat.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0][:3] == ["顺序 / Order", "环节 / Segment", "成都市（本地区）/ Chengdu (home)"]
    assert [r[1] for r in table[1:]] == ["上游材料", "中游器件", "下游整机"]
