"""Expert service teams (科技专家服务团) on hand-built ecosystems whose answers are known, on the real engine."""

from __future__ import annotations

import contextlib
import itertools
import math
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
from graph_service.services.access.principal import Role
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.programmes.service_team import form_service_team
from graph_service.services.programmes.team_instance import NeedBasis
from graph_service.store import GraphStore
from tests.api_client import api_client, graphql_post

K, R = EntityKind, RelationType

ENTITIES: list[tuple[EntityKind, str, str, dict[str, Any]]] = [
    (K.REGION, "region:cd", "成都市", {"level": "city"}),
    (K.REGION, "region:jia", "甲区", {"level": "district"}),
    (K.REGION, "region:bing", "丙区", {"level": "district"}),
    (K.PARK, "park:p", "甲园", {"region": "甲区"}),
    (K.INDUSTRY_CHAIN, "chain:c", "光伏产业链", {}),
    (K.CHAIN_SEGMENT, "seg:1", "组件", {"position": 1}),
    (K.FIELD, "f:energy", "新能源", {"name_en": "New energy"}),
    (K.FIELD, "f:battery", "动力电池", {"name_en": "Batteries"}),
    (K.FIELD, "f:pv", "光伏", {}),
    (K.FIELD, "f:h2", "氢能", {}),
    (K.FIELD, "f:ic", "集成电路", {}),
    (K.FIELD, "f:pkg", "封装", {}),
    (K.ENTERPRISE, "e:1", "一号企业", {"region": "甲区"}),
    (K.ENTERPRISE, "e:2", "二号企业", {"region": "甲区"}),
    (K.ENTERPRISE, "e:3", "三号企业", {"region": "甲区"}),
    (K.ENTERPRISE, "e:4", "四号企业", {"region": "乙区"}),
    (K.ENTERPRISE, "e:5", "五号企业", {"region": "丙区"}),
    (K.ENTERPRISE, "e:6", "六号企业", {"region": "丙区"}),
    (K.ENTERPRISE, "e:7", "七号企业", {"region": "丙区"}),
    (K.SCIENTIST, "s:bat", "电池专家", {}),
    (K.SCIENTIST, "s:energy", "新能源专家", {}),
    (K.SCIENTIST, "s:pv", "光伏专家", {}),
    (K.SCIENTIST, "s:h2", "氢能专家", {}),
    (K.SCIENTIST, "s:pkg", "封装专家", {}),
    (K.SERVICE_AGENCY, "a:pkg", "封装检测中心", {}),
]
RELATIONS: list[tuple[RelationType, str, str, dict[str, Any]]] = [
    (R.WITHIN, "region:jia", "region:cd", {}),
    (R.LOCATED_IN, "park:p", "region:jia", {}),
    (R.PART_OF, "seg:1", "chain:c", {}),
    *((R.BROADER, leaf, "f:energy", {}) for leaf in ("f:battery", "f:pv", "f:h2")),
    (R.BROADER, "f:pkg", "f:ic", {}),
    (R.NEEDS, "e:1", "f:battery", {"priority": 5}),
    (R.NEEDS, "e:1", "f:pkg", {"priority": 3}),
    (R.NEEDS, "e:2", "f:pv", {"priority": 4}),
    (R.NEEDS, "e:3", "f:battery", {"priority": 2}),
    (R.NEEDS, "e:4", "f:h2", {"priority": 5}),
    (R.LOCATED_IN, "e:1", "park:p", {}),
    (R.IN_SEGMENT, "e:2", "seg:1", {}),
    (R.NEEDS, "e:5", "f:pv", {}),
    (R.IN_FIELD, "e:6", "f:battery", {}),
    (R.IN_FIELD, "e:7", "f:pkg", {}),
    (R.IN_FIELD, "s:bat", "f:battery", {}),
    (R.IN_FIELD, "s:energy", "f:energy", {}),
    (R.IN_FIELD, "s:pv", "f:pv", {}),
    (R.IN_FIELD, "s:h2", "f:h2", {}),
    (R.IN_FIELD, "s:pkg", "f:pkg", {}),
    (R.IN_FIELD, "a:pkg", "f:pkg", {}),
]


def _write(
    store: GraphStore, entities: list[tuple[EntityKind, str, str, dict[str, Any]]], relations: list[Any]
) -> None:
    write_entities(store, [EntityRecord(k, uid, {"uid": uid, "name": name, **p}) for k, uid, name, p in entities])
    write_relations(store, [RelationRecord(r, s, t, p) for r, s, t, p in relations])


@pytest.fixture(scope="module")
def eco(module_store: GraphStore) -> GraphStore:
    _write(module_store, ENTITIES, RELATIONS)
    return module_store


def _members(team: Any) -> list[tuple[str, float]]:
    return [(m.expert.uid, m.gain) for m in team.members]


def test_the_team_covers_the_district_and_its_members_report_marginal_gains(eco: GraphStore) -> None:
    team = form_service_team(eco, region="甲区", size=2)
    assert team.basis is NeedBasis.NEEDS
    assert (team.enterprises, team.total) == (3, 14.0)
    # The broader field's expert serves every energy need; the sibling field (氢能) serves none.
    assert _members(team) == [("s:energy", 11.0), ("s:pkg", 3.0)]
    assert (team.covered, team.uncovered, team.optimum_at_most) == (14.0, (), 14.0)
    first = team.members[0]
    assert {(p.enterprise, p.need, p.weight) for p in first.covers} == {
        ("e:1", "f:battery", 5.0),
        ("e:2", "f:pv", 4.0),
        ("e:3", "f:battery", 2.0),
    }
    assert first.covers[0].need_name_en == "Batteries"
    # A city counts its districts; e:4 of 乙区 is in neither.
    assert form_service_team(eco, region="成都市", size=1).total == 14.0


def test_exclude_and_must_include_are_honoured(eco: GraphStore) -> None:
    excluded = form_service_team(eco, region="甲区", size=2, exclude=["s:energy"])
    assert _members(excluded) == [("s:bat", 7.0), ("s:pv", 4.0)]
    assert [(p.enterprise, p.need) for p in excluded.uncovered] == [("e:1", "f:pkg")]
    forced = form_service_team(eco, region="甲区", size=2, must_include=["s:pv"])
    assert _members(forced) == [("s:pv", 4.0), ("s:energy", 7.0)]
    assert [m.forced for m in forced.members] == [True, False]
    # A required member of a kind not asked for still counts what it covers.
    agency = form_service_team(eco, region="甲区", size=2, must_include=["a:pkg"])
    assert _members(agency) == [("a:pkg", 3.0), ("s:energy", 11.0)]
    useless = form_service_team(eco, region="甲区", size=1, must_include=["s:h2"])
    assert _members(useless) == [("s:h2", 0.0)]
    assert _members(form_service_team(eco, region="甲区", size=3, kinds=[K.SERVICE_AGENCY])) == [("a:pkg", 3.0)]


def test_park_and_chain_scopes_and_the_fallback_to_fields(eco: GraphStore) -> None:
    park = form_service_team(eco, park="park:p", size=5)
    assert (park.enterprises, park.total, park.covered) == (1, 8.0, 8.0)
    chain = form_service_team(eco, chain="chain:c", size=1)
    # Equal gains: the expert of the very field needed goes before the one of its broader field.
    assert (chain.enterprises, chain.total, _members(chain)) == (1, 4.0, [("s:pv", 4.0)])
    fallback = form_service_team(eco, region="丙区", size=5)
    assert fallback.basis is NeedBasis.FIELDS, "one of three enterprises states a need"
    pairs = {(p.enterprise, p.need, p.stated) for m in fallback.members for p in m.covers}
    assert pairs == {("e:5", "f:pv", True), ("e:6", "f:battery", False), ("e:7", "f:pkg", False)}
    assert fallback.members[0].covers[0].weight == 1.0, "a need without priority weighs 1"


@pytest.mark.parametrize(
    ("kwargs", "error", "named"),
    [
        ({"size": 0, "region": "甲区"}, InvalidInputError, "size"),
        ({"size": 51, "region": "甲区"}, LimitExceededError, "size"),
        ({"size": 1}, InvalidInputError, "region"),
        ({"size": 1, "region": "甲区", "park": "park:p"}, InvalidInputError, "park"),
        ({"size": 1, "park": "nope"}, NotFoundError, "park"),
        ({"size": 1, "chain": "park:p"}, InvalidInputError, "chain"),
        ({"size": 1, "region": "甲区", "must_include": ["nope"]}, NotFoundError, "mustInclude"),
        ({"size": 1, "region": "甲区", "exclude": ["nope"]}, NotFoundError, "exclude"),
        ({"size": 1, "region": "甲区", "must_include": ["s:pv", "s:bat"]}, InvalidInputError, "mustInclude"),
        ({"size": 1, "region": "甲区", "kinds": [K.ENTERPRISE]}, InvalidInputError, "kinds"),
        ({"size": 1, "region": "成都市", "park": None, "chain": None, "exclude": []}, None, ""),
        ({"size": 1, "region": "乙区-none"}, NotFoundError, "region"),
        ({"size": 1, "park": "park:p", "exclude": ["e:1"]}, None, ""),
    ],
)
def test_bad_requests_are_refused_naming_the_argument(
    eco: GraphStore, kwargs: dict[str, Any], error: type[Exception] | None, named: str
) -> None:
    if error is None:
        assert form_service_team(eco, **kwargs).members
        return
    with pytest.raises(error, match=named):
        form_service_team(eco, **kwargs)


def test_nothing_to_cover_names_the_scope(eco: GraphStore) -> None:
    _write(eco, [(K.REGION, "region:empty", "空区", {"level": "district"})], [])
    with pytest.raises(InvalidInputError, match="region") as caught:
        form_service_team(eco, region="空区", size=1)
    assert "无可覆盖" in str(caught.value)


# --- Random instances: each in a district and fields of its own, so their experts do not mix.


def _random_instance(i: int, rng: random.Random, *, disjoint: bool) -> tuple[list[Any], list[Any], dict[str, Any]]:
    parent, leaves = f"f:{i}:p", [f"f:{i}:{j}" for j in range(4)]
    district = f"随机{i}区"
    entities: list[Any] = [(K.REGION, f"region:r{i}", district, {"level": "district"}), (K.FIELD, parent, "上位", {})]
    entities += [(K.FIELD, leaf, f"领域{leaf}", {}) for leaf in leaves]
    relations: list[Any] = [(R.BROADER, leaf, parent, {}) for leaf in leaves]
    fields = leaves if disjoint else [*leaves, parent]
    needs: dict[tuple[str, str], float] = {}
    for e in range(5):
        uid = f"e:{i}:{e}"
        entities.append((K.ENTERPRISE, uid, f"企业{i}-{e}", {"region": district}))
        for need in rng.sample(fields, rng.randint(1, 2)):
            priority = rng.choice([None, 1, 2, 3, 4, 5])
            relations.append((R.NEEDS, uid, need, {} if priority is None else {"priority": priority}))
            needs[(uid, need)] = float(priority or 1)
    experts: dict[str, set[tuple[str, str]]] = {}
    for x in range(4 if disjoint else 6):
        uid = f"s:{i}:{x}"
        entities.append((K.SCIENTIST, uid, f"专家{i}-{x}", {}))
        mine = [leaves[x]] if disjoint else rng.sample(fields, rng.randint(1, 2))
        relations += [(R.IN_FIELD, uid, f, {}) for f in mine]

        def serves(expert_field: str, need: str) -> bool:
            # Same field, or one is the other's broader field; siblings do not serve.
            return expert_field == need or parent in (expert_field, need)

        experts[uid] = {pair for pair in needs if any(serves(f, pair[1]) for f in mine)}
    return entities, relations, {"district": district, "needs": needs, "experts": experts}


@pytest.fixture(scope="module")
def instances(eco: GraphStore) -> list[dict[str, Any]]:
    rng = random.Random(2019)
    entities: list[Any] = []
    relations: list[Any] = []
    out = []
    for i in range(10):
        e, r, known = _random_instance(i, rng, disjoint=i >= 8)
        entities += e
        relations += r
        out.append(known | {"disjoint": i >= 8})
    _write(eco, entities, relations)
    return out


def _weight(pairs: set[tuple[str, str]], needs: dict[tuple[str, str], float]) -> float:
    return sum(needs[p] for p in pairs)


def test_random_teams_are_within_the_guarantee_of_brute_force(eco: GraphStore, instances: list[dict[str, Any]]) -> None:
    for known in instances:
        needs, experts = known["needs"], known["experts"]
        for size in range(1, 5):
            team = form_service_team(eco, region=known["district"], size=size)
            best = max(_weight(set().union(*combo), needs) for combo in itertools.combinations(experts.values(), size))
            chosen = set().union(*(experts[m.expert.uid] for m in team.members))
            assert team.covered == pytest.approx(_weight(chosen, needs)), "the reported coverage is the team's"
            assert team.total == pytest.approx(sum(needs.values()))
            assert (1 - 1 / math.e) * best - 1e-9 <= team.covered <= best + 1e-9
            assert team.optimum_at_most >= best - 1e-9
            gains = [m.gain for m in team.members]
            assert gains == sorted(gains, reverse=True)
            if known["disjoint"]:
                assert team.covered == pytest.approx(best), "greedy is optimal on disjoint cover sets"
        everyone = form_service_team(eco, region=known["district"], size=len(experts))
        assert everyone.covered == pytest.approx(_weight(set().union(*experts.values()), needs))


@pytest.mark.both_engines
def test_a_small_team_on_either_engine(store: GraphStore) -> None:
    _write(store, ENTITIES, RELATIONS)
    team = form_service_team(store, region="甲区", size=2, exclude=["s:pkg"])
    assert _members(team) == [("s:energy", 11.0)], "nobody else of the asked kind adds anything"
    assert team.covered == 11.0
    assert [(p.enterprise, p.need) for p in team.uncovered] == [("e:1", "f:pkg")]


QUERY = """query($size: Int!, $region: String, $park: String, $must: [String!], $exclude: [String!]) {
  formServiceTeam(size: $size, region: $region, park: $park, mustInclude: $must, exclude: $exclude) {
    covered total basis basisNote enterprises optimumAtMost guarantee
    members { expert { uid kind } gain forced serves covers { enterprise { uid name } need { uid name } weight } }
    uncovered { enterprise { uid } need { uid } }
  }
}"""


def test_form_service_team_over_graphql_with_errors_naming_the_argument(eco: GraphStore) -> None:
    with api_client(store=eco) as client:
        body = graphql_post(client, QUERY, {"size": 2, "region": "甲区", "exclude": ["s:pkg"]})
        assert "errors" not in body, body
        team = body["data"]["formServiceTeam"]
        assert (team["covered"], team["total"], team["basis"], team["enterprises"]) == (11.0, 14.0, "NEEDS", 3)
        assert [m["expert"]["uid"] for m in team["members"]] == ["s:energy"], "nobody else adds anything"
        assert team["members"][0]["covers"][0]["enterprise"] == {"uid": "e:1", "name": "一号企业"}
        assert team["uncovered"] == [{"enterprise": {"uid": "e:1"}, "need": {"uid": "f:pkg"}}]
        assert "企业" in team["basisNote"]
        assert "stated" in team["basisNote"]
        for variables, code, named in [
            ({"size": 0, "region": "甲区"}, "INVALID_INPUT", "size"),
            ({"size": 99, "region": "甲区"}, "LIMIT_EXCEEDED", "size"),
            ({"size": 1, "region": "甲区", "park": "park:p"}, "INVALID_INPUT", "region"),
            ({"size": 1, "region": "甲区", "must": ["nope"]}, "NOT_FOUND", "mustInclude"),
            ({"size": 1, "park": "nope"}, "NOT_FOUND", "park"),
        ]:
            errors = graphql_post(client, QUERY, variables)["errors"]
            assert errors[0]["extensions"]["code"] == code, (variables, errors)
            assert named in errors[0]["message"]
    with api_client(store=eco, role=Role.ENTERPRISE, entity="e:1") as enterprise:
        denied = graphql_post(enterprise, QUERY, {"size": 1, "region": "甲区"})
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_report_service_team_command_writes_a_workbook_read_back(
    eco: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(programme_reports, "open_graph", lambda args: contextlib.nullcontext(eco))
    out = tmp_path / "team.xlsx"
    args = build_parser().parse_args(
        ["report", "service-team", "--region", "甲区", "--size", "2", "--exclude", "s:pkg", "--out", str(out)]
    )
    assert args.func(args) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["服务团 Team", "覆盖明细 Coverage", "未覆盖 Uncovered"]
    rows = [[c.value for c in row] for row in book["服务团 Team"].iter_rows()]
    assert str(rows[0][0]).startswith("科技专家服务团 / Expert service team：甲区")
    assert any("11 / 14" in str(row[0]) for row in rows[:7])
    header = next(i for i, row in enumerate(rows) if row[0] == "入选顺序 / Order")
    assert rows[header + 1][:3] == [1, "s:energy", "新能源专家"]
    assert rows[header + 1][5] == 11.0
    covers = [[c.value for c in row] for row in book["覆盖明细 Coverage"].iter_rows()]
    assert covers[0][0] == "成员 / Member"
    assert sorted((r[0], r[2], r[4], r[6]) for r in covers[1:]) == [
        ("s:energy", "e:1", "f:battery", 5),
        ("s:energy", "e:2", "f:pv", 4),
        ("s:energy", "e:3", "f:battery", 2),
    ]
    uncovered = [[c.value for c in row] for row in book["未覆盖 Uncovered"].iter_rows()]
    assert [r[:3] for r in uncovered[1:]] == [["e:1", "一号企业", "f:pkg"]]
