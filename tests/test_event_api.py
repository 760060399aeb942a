"""planMatchmakingEvent over GraphQL, its errors and cost, and the plan's workbook read back."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from starlette.testclient import TestClient

from graph_service.cli.commands import event_report
from graph_service.cli.main import build_parser
from graph_service.services.access.principal import Role
from graph_service.services.programmes.event import plan_event
from graph_service.services.programmes.event_export import FREE, export_event_plan
from graph_service.store import GraphStore
from tests import event_ecosystem
from tests.api_client import api_client, graphql_post

PLAN = """query($e: [String!]!, $p: [String!], $k: [EntityKind!], $r: Int!, $c: Int, $per: Int) {
  planMatchmakingEvent(enterprises: $e, partners: $p, kinds: $k, rounds: $r, capacity: $c, perEnterprise: $per) {
    totalScore rounds capacity perEnterprise scorer candidatePairs
    meetings { round table score enterprise { uid name } partner { uid kind name } reasons { zh en } }
    unmatched { enterprise { uid } meetings wanted why } } }"""


@pytest.fixture(scope="module")
def eco(module_store: GraphStore) -> GraphStore:
    event_ecosystem.build(module_store)
    return module_store


@pytest.fixture(scope="module")
def client(eco: GraphStore) -> Iterator[TestClient]:
    with api_client(store=eco) as c:
        yield c


def _plan(client: TestClient, **variables: Any) -> dict[str, Any]:
    return graphql_post(client, PLAN, {"e": event_ecosystem.ENTERPRISES, "r": 2, **variables})


def test_a_plan_over_graphql_is_scheduled_explained_and_priced(client: TestClient) -> None:
    body = _plan(client, k=["SCIENTIST", "INSTITUTION", "INVESTOR"], c=1)
    assert "errors" not in body, body.get("errors")
    plan = body["data"]["planMatchmakingEvent"]
    assert plan["rounds"] == 2
    assert plan["capacity"] == 1
    assert plan["perEnterprise"] == 2
    assert plan["scorer"] == "hand-weighted"
    meetings = plan["meetings"]
    assert {m["partner"]["kind"] for m in meetings} <= {"SCIENTIST", "INSTITUTION", "INVESTOR"}
    assert len({m["partner"]["uid"] for m in meetings}) == len(meetings), "capacity 1: each partner meets once"
    assert plan["totalScore"] == pytest.approx(sum(m["score"] for m in meetings))
    assert [(m["round"], m["table"]) for m in meetings] == sorted((m["round"], m["table"]) for m in meetings)
    chip = [m for m in meetings if m["enterprise"]["uid"] == "ent:chip"]
    assert any(m["partner"]["uid"] == "sci:wang" for m in chip), "the best fit of the neediest meets"
    wang = next(m for m in chip if m["partner"]["uid"] == "sci:wang")
    assert any("功率半导体" in r["zh"] and "Power semiconductors" in r["en"] for r in wang["reasons"])
    # 4 enterprises x 2 meetings wanted, 5 partners of those kinds at one meeting each: 3 fall short.
    assert sum(u["wanted"] - u["meetings"] for u in plan["unmatched"]) == 8 - len(meetings)
    assert all(" / " in u["why"] for u in plan["unmatched"])
    small = _plan(client, e=["ent:chip"])["extensions"]["cost"]["requested"]
    given = _plan(client, p=event_ecosystem.PARTNERS)["extensions"]["cost"]["requested"]
    assert body["extensions"]["cost"]["requested"] > small, "the cost grows with the enterprises"
    assert given < body["extensions"]["cost"]["requested"], "six partners given cost less than a pool each"


@pytest.mark.parametrize(
    ("variables", "code", "argument"),
    [
        ({"r": 0}, "INVALID_INPUT", "rounds"),
        ({"r": 21}, "INVALID_INPUT", "rounds"),
        ({"c": 0}, "INVALID_INPUT", "capacity"),
        ({"c": -2}, "INVALID_INPUT", "capacity"),
        ({"per": 0}, "INVALID_INPUT", "perEnterprise"),
        ({"e": []}, "INVALID_INPUT", "enterprises"),
        ({"e": [f"ent:{i}" for i in range(501)]}, "INVALID_INPUT", "enterprises"),
        ({"p": []}, "INVALID_INPUT", "partners"),
        ({"p": [f"sci:{i}" for i in range(2001)]}, "INVALID_INPUT", "partners"),
        ({"e": ["ent:chip", "ent:nowhere"]}, "NOT_FOUND", "enterprises"),
        ({"p": ["sci:wang", "sci:nobody"]}, "NOT_FOUND", "partners"),
        ({"e": ["ent:chip", "sci:wang"]}, "INVALID_INPUT", "enterprises"),
        ({"k": ["FIELD"]}, "INVALID_INPUT", "kinds"),
        ({"p": ["sci:wang", "inv:fund"], "k": ["SCIENTIST"]}, "INVALID_INPUT", "partners"),
    ],
)
def test_impossible_requests_are_refused_naming_the_argument(
    client: TestClient, variables: dict[str, Any], code: str, argument: str
) -> None:
    body = _plan(client, **variables)
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == code
    assert error["message"].startswith(f"{argument}: ")
    assert " / " in error["message"], "in English and Chinese"
    if "nowhere" in str(variables) or "nobody" in str(variables):
        assert ("ent:nowhere" in error["message"]) or ("sci:nobody" in error["message"]), "says which uid"
    if code == "INVALID_INPUT":
        assert error["extensions"]["problems"][0]["field"] == argument


def test_an_enterprise_token_plans_for_itself_only(eco: GraphStore) -> None:
    with api_client(store=eco, role=Role.ENTERPRISE, entity="ent:chip") as own:
        alone = graphql_post(own, PLAN, {"e": ["ent:chip"], "r": 1})
        assert "errors" not in alone, alone.get("errors")
        others = graphql_post(own, PLAN, {"e": ["ent:chip", "ent:power"], "r": 1})
        assert others["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_the_workbook_has_a_sheet_per_round_and_per_participant(eco: GraphStore, tmp_path: Path) -> None:
    plan = plan_event(eco, event_ecosystem.ENTERPRISES, partners=event_ecosystem.PARTNERS, rounds=3, capacity=2)
    out = export_event_plan(plan, tmp_path / "plan.xlsx", version="v1", today=dt.date(2026, 5, 1))
    book = openpyxl.load_workbook(out)
    partners = {m.partner.uid for m in plan.meetings}
    assert book.sheetnames[:4] == ["总览 Overview", "第1轮 Round 1", "第2轮 Round 2", "第3轮 Round 3"]
    assert len(book.sheetnames) == 4 + len(event_ecosystem.ENTERPRISES) + len(partners)
    overview = [[c.value for c in row] for row in book["总览 Overview"].iter_rows()]
    assert overview[0][0] == "精准对接会日程 / Matchmaking event plan"
    assert any(str(row[0]).endswith("2026-05-01") for row in overview)
    assert any(f"{plan.total_score:.4f}" in str(row[0]) for row in overview)
    seen = []
    for number in (1, 2, 3):
        rows = [[c.value for c in row] for row in book[f"第{number}轮 Round {number}"].iter_rows()]
        assert rows[0][:4] == ["桌号 / Table", "企业 / Enterprise", "企业标识 / Enterprise uid", "对接对象 / Partner"]
        seen += [(number, r[2], r[4], r[6]) for r in rows[1:]]
        assert all(r[7] and r[8] for r in rows[1:]), "why, in Chinese and English"
    assert sorted(seen) == sorted((m.round, m.enterprise.uid, m.partner.uid, round(m.score, 4)) for m in plan.meetings)
    chip = book[book.sheetnames[4]]
    agenda = [[c.value for c in row] for row in chip.iter_rows()]
    assert "ent:chip" in str(agenda[0][0])
    assert [r[0] for r in agenda[3:]] == [1, 2, 3], "one line a round"
    mine = {m.round: m.partner.uid for m in plan.meetings if m.enterprise.uid == "ent:chip"}
    assert {r[0]: r[3] for r in agenda[3:] if r[2] != FREE} == mine


def test_the_command_writes_the_plan_from_a_file_of_uids(
    eco: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(event_report, "open_graph", lambda args: contextlib.nullcontext(eco))
    listed = tmp_path / "firms.txt"
    listed.write_text("ent:chip\nent:cell\n\n", encoding="utf-8")
    out = tmp_path / "plan.xlsx"
    argv = ["report", "event", "--enterprises-file", str(listed), "--enterprises", "ent:grid"]
    argv += ["--kinds", "Scientist,Institution", "--rounds", "2", "--per-enterprise", "1", "--out", str(out)]
    args = build_parser().parse_args(argv)
    assert args.func(args) == 0
    book = openpyxl.load_workbook(out)
    met = [row[2].value for name in ("第1轮 Round 1", "第2轮 Round 2") for row in book[name].iter_rows(min_row=2)]
    assert sorted(met) == ["ent:cell", "ent:chip", "ent:grid"], "each enterprise meets once"
