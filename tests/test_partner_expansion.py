"""Growing a partner programme (生态伙伴扩容) on hand-built ecosystems whose answers are known."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph_service.cli.commands import programme_reports
from graph_service.cli.main import build_parser
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.programmes.partner_expansion import Reach, expand_partner_programme
from graph_service.store import GraphStore
from tests.api_client import api_client, graphql_post
from tests.raw_cypher import read_raw

K, R = EntityKind, RelationType

ENTITIES: list[tuple[EntityKind, str, str, dict[str, Any]]] = [
    (K.PROGRAMME, "prog:p", "科创生态伙伴计划", {"name_en": "Partner programme"}),
    (K.PROGRAMME, "prog:q", "另一计划", {}),
    (K.REGION, "region:cd", "成都市", {"level": "city"}),
    (K.REGION, "region:jia", "甲区", {"level": "district"}),
    (K.REGION, "region:yi", "乙区", {"level": "district", "name_en": "Yi District"}),
    (K.REGION, "region:bing", "丙区", {"level": "district"}),
    (K.PARK, "park:p", "甲园", {}),
    (K.INDUSTRY_CHAIN, "chain:c", "示例链", {}),
    (K.CHAIN_SEGMENT, "seg:a", "材料", {"position": 1}),
    (K.CHAIN_SEGMENT, "seg:b", "器件", {"position": 2}),
    (K.CHAIN_SEGMENT, "seg:c", "整机", {"position": 3}),
    (K.FIELD, "f:energy", "新能源", {}),
    (K.FIELD, "f:battery", "动力电池", {}),
    (K.FIELD, "f:pv", "光伏", {}),
    (K.FIELD, "f:h2", "氢能", {"name_en": "Hydrogen"}),
    (K.FIELD, "f:ic", "集成电路", {}),
    (K.FIELD, "f:pkg", "封装", {}),
    (K.ENTERPRISE, "o:1", "伙伴企业", {"region": "甲区"}),
    (K.SOCIETY, "o:2", "伙伴学会", {"region": "甲区"}),
    (K.ENTERPRISE, "c:1", "乙区企业", {"region": "乙区"}),
    (K.SERVICE_AGENCY, "c:2", "园区服务机构", {}),
    (K.INSTITUTION, "c:3", "丙区研究院", {"region": "丙区"}),
    (K.INVESTOR, "c:4", "丙区基金", {}),
    (K.INSTITUTION, "c:5", "另一计划的高校", {}),
    (K.SCIENTIST, "s:x", "不是单位的专家", {"region": "丙区"}),
]
RELATIONS: list[tuple[RelationType, str, str, dict[str, Any]]] = [
    *((R.WITHIN, r, "region:cd", {}) for r in ("region:jia", "region:yi", "region:bing")),
    (R.LOCATED_IN, "park:p", "region:jia", {}),
    *((R.PART_OF, s, "chain:c", {}) for s in ("seg:a", "seg:b", "seg:c")),
    *((R.BROADER, f, "f:energy", {}) for f in ("f:battery", "f:pv", "f:h2")),
    (R.PARTNER_OF, "o:1", "prog:p", {}),
    (R.PARTNER_OF, "o:2", "prog:p", {}),
    (R.IN_SEGMENT, "o:1", "seg:a", {}),
    (R.IN_FIELD, "o:1", "f:battery", {}),
    (R.IN_FIELD, "o:2", "f:pv", {}),
    (R.IN_SEGMENT, "c:1", "seg:b", {}),
    (R.IN_SEGMENT, "c:1", "seg:c", {}),
    (R.IN_FIELD, "c:1", "f:h2", {}),
    (R.IN_FIELD, "c:2", "f:h2", {}),
    (R.IN_FIELD, "c:2", "f:pkg", {}),
    (R.LOCATED_IN, "c:2", "park:p", {}),
    (R.IN_FIELD, "c:3", "f:battery", {}),
    (R.LOCATED_IN, "c:4", "region:bing", {}),
    (R.IN_FIELD, "c:4", "f:energy", {}),
    (R.PARTNER_OF, "c:5", "prog:q", {}),
    (R.IN_FIELD, "c:5", "f:ic", {}),
    (R.IN_FIELD, "s:x", "f:ic", {}),
]


def _write(store: GraphStore, entities: list[Any], relations: list[Any]) -> None:
    write_entities(store, [EntityRecord(k, uid, {"uid": uid, "name": name, **p}) for k, uid, name, p in entities])
    write_relations(store, [RelationRecord(r, s, t, p) for r, s, t, p in relations])


@pytest.fixture(scope="module")
def eco(module_store: GraphStore) -> GraphStore:
    _write(module_store, ENTITIES, RELATIONS)
    return module_store


def direct_reach(store: GraphStore, uids: list[str]) -> Reach:
    """What ``uids`` reach, counted straight from the graph."""
    segments = read_raw(
        store,
        "MATCH (o:Entity)-[:IN_SEGMENT]->(s:ChainSegment) WHERE o.uid IN $u RETURN DISTINCT s.uid AS x",
        {"u": uids},
    )
    fields = read_raw(
        store, "MATCH (o:Entity)-[:IN_FIELD]->(f:Field) WHERE o.uid IN $u RETURN DISTINCT f.uid AS x", {"u": uids}
    )
    regions = {str(r["name"]) for r in read_raw(store, "MATCH (r:Region) RETURN r.name AS name", {})}
    places = read_raw(store, "MATCH (o:Entity) WHERE o.uid IN $u RETURN o.region AS x", {"u": uids})
    places += read_raw(
        store, "MATCH (o:Entity)-[:LOCATED_IN]->(r:Region) WHERE o.uid IN $u RETURN r.name AS x", {"u": uids}
    )
    places += read_raw(
        store,
        "MATCH (o:Entity)-[:LOCATED_IN]->(:Park)-[:LOCATED_IN]->(r:Region) WHERE o.uid IN $u RETURN r.name AS x",
        {"u": uids},
    )
    return Reach(len(segments), len(fields), len({p["x"] for p in places} & regions))


def test_picks_reach_new_ground_with_non_increasing_gains_and_true_counts(eco: GraphStore) -> None:
    plan = expand_partner_programme(eco, "prog:p", 5)
    assert (plan.name, plan.partners) == ("科创生态伙伴计划", 2)
    picks = [(p.entity.uid, p.gain) for p in plan.picks]
    assert picks[:2] == [("c:1", 4.0), ("c:4", 2.0)]
    assert sorted(picks[2:]) == [("c:2", 1.0), ("c:5", 1.0)], "c:3 adds nothing c:4 has not: it is left out"
    assert {(c.dimension, c.uid) for c in plan.picks[0].covers} == {
        ("segment", "seg:b"),
        ("segment", "seg:c"),
        ("field", "f:h2"),
        ("district", "region:yi"),
    }
    assert plan.before == Reach(1, 2, 1) == direct_reach(eco, ["o:1", "o:2"])
    assert plan.after == Reach(3, 6, 3) == direct_reach(eco, ["o:1", "o:2", *(uid for uid, _ in picks)])
    assert plan.total == Reach(3, 6, 4)
    zh = [r.zh for r in plan.picks[0].reasons]
    en = [r.en for r in plan.picks[0].reasons]
    assert "新增覆盖2个现有伙伴未覆盖的产业链环节：「器件」、「整机」" in zh
    assert "Reaches 1 fields no partner reaches: Hydrogen" in en
    assert any("Yi District" in e for e in en)


def test_a_region_limits_where_picks_come_from(eco: GraphStore) -> None:
    # c:4 is in 丙区 only by LOCATED_IN; it counts as there like c:3 with its region property.
    plan = expand_partner_programme(eco, "prog:p", 5, region="丙区")
    assert [(p.entity.uid, p.gain) for p in plan.picks] == [("c:4", 2.0)]
    assert plan.after == direct_reach(eco, ["o:1", "o:2", "c:4"])


@pytest.mark.parametrize(
    ("args", "error", "named"),
    [
        (("prog:p", 0), InvalidInputError, "count"),
        (("prog:p", 101), LimitExceededError, "count"),
        (("nope", 1), NotFoundError, "programme"),
        (("o:1", 1), InvalidInputError, "programme"),
        (("prog:p", 1, "无此区"), NotFoundError, "region"),
    ],
)
def test_bad_requests_name_the_argument(
    eco: GraphStore, args: tuple[Any, ...], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named):
        expand_partner_programme(eco, *args)


def test_random_programmes_gain_less_each_pick_and_count_true(store: GraphStore) -> None:
    rng = random.Random(60)
    segments = [f"seg:{i}" for i in range(8)]
    fields = [f"f:{i}" for i in range(10)]
    regions = [f"区{i}" for i in range(5)]
    entities: list[Any] = [(K.PROGRAMME, "prog:r", "随机计划", {})]
    entities += [(K.CHAIN_SEGMENT, s, s, {}) for s in segments] + [(K.FIELD, f, f, {}) for f in fields]
    entities += [(K.REGION, f"region:{r}", r, {"level": "district"}) for r in regions]
    relations: list[Any] = []
    kinds = [K.ENTERPRISE, K.SOCIETY, K.SERVICE_AGENCY, K.INSTITUTION, K.INVESTOR]
    for i in range(40):
        uid, kind = f"o:{i}", rng.choice(kinds)
        entities.append((kind, uid, f"单位{i}", {"region": rng.choice(regions)} if rng.random() < 0.5 else {}))
        if kind is K.ENTERPRISE:
            relations += [(R.IN_SEGMENT, uid, s, {}) for s in rng.sample(segments, rng.randint(0, 2))]
        relations += [(R.IN_FIELD, uid, f, {}) for f in rng.sample(fields, rng.randint(0, 3))]
        if rng.random() < 0.3:
            relations.append((R.LOCATED_IN, uid, f"region:{rng.choice(regions)}", {}))
        if i < 6:
            relations.append((R.PARTNER_OF, uid, "prog:r", {}))
    _write(store, entities, relations)
    plan = expand_partner_programme(store, "prog:r", 12)
    gains = [p.gain for p in plan.picks]
    assert gains == sorted(gains, reverse=True)
    assert all(g == len(p.covers) for g, p in zip(gains, plan.picks, strict=True))
    partners = [f"o:{i}" for i in range(6)]
    assert plan.before == direct_reach(store, partners)
    assert plan.after == direct_reach(store, partners + [p.entity.uid for p in plan.picks])
    gained = plan.after.segments + plan.after.fields + plan.after.districts
    assert gained - (plan.before.segments + plan.before.fields + plan.before.districts) == sum(gains)
    assert not set(partners) & {p.entity.uid for p in plan.picks}


QUERY = """query($programme: String!, $count: Int!) {
  expandPartnerProgramme(programme: $programme, count: $count) {
    name partners
    picks { entity { uid kind } gain covers { kind uid name } reasons { zh en } }
    before { segments fields districts } after { segments fields districts }
  }
}"""


def test_expand_partner_programme_over_graphql(eco: GraphStore) -> None:
    with api_client(store=eco) as client:
        body = graphql_post(client, QUERY, {"programme": "prog:p", "count": 2})
        assert "errors" not in body, body
        plan = body["data"]["expandPartnerProgramme"]
        assert [(p["entity"]["uid"], p["gain"]) for p in plan["picks"]] == [("c:1", 4.0), ("c:4", 2.0)]
        assert plan["before"] == {"segments": 1, "fields": 2, "districts": 1}
        assert plan["after"] == {"segments": 3, "fields": 4, "districts": 3}
        assert {"kind": "district", "uid": "region:bing", "name": "丙区"} in plan["picks"][1]["covers"]
        for variables, code, named in [
            ({"programme": "prog:p", "count": 0}, "INVALID_INPUT", "count"),
            ({"programme": "nope", "count": 1}, "NOT_FOUND", "programme"),
        ]:
            errors = graphql_post(client, QUERY, variables)["errors"]
            assert errors[0]["extensions"]["code"] == code
            assert named in errors[0]["message"]


def test_report_programme_command_writes_a_workbook_read_back(
    eco: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(programme_reports, "open_graph", lambda args: contextlib.nullcontext(eco))
    out = tmp_path / "programme.xlsx"
    args = build_parser().parse_args(
        ["report", "programme", "--programme", "prog:p", "--count", "2", "--out", str(out)]
    )
    assert args.func(args) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["扩容建议 Picks", "新增覆盖 Reached", "覆盖对比 Before-after"]
    rows = [[c.value for c in row] for row in book["扩容建议 Picks"].iter_rows()]
    assert str(rows[0][0]) == "生态伙伴扩容建议 / Partner programme expansion：科创生态伙伴计划"
    header = next(i for i, row in enumerate(rows) if row[0] == "入选顺序 / Order")
    assert [r[1] for r in rows[header + 1 :]] == ["c:1", "c:4"]
    assert rows[header + 1][5] == 4
    assert rows[header + 1][6] == "器件、整机"
    reached = [[c.value for c in row] for row in book["新增覆盖 Reached"].iter_rows()]
    assert len(reached) == 1 + 4 + 2
    compare = [[c.value for c in row] for row in book["覆盖对比 Before-after"].iter_rows()]
    assert compare == [
        ["类别 / Kind", "扩容前 / Before", "扩容后 / After", "图中总数 / In the graph"],
        ["产业链环节 / chain segments", 1, 3, 3],
        ["技术领域 / fields", 2, 4, 6],
        ["地区 / districts", 1, 3, 4],
    ]
