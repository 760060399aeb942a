"""Editing a posted need on the real engines: who may, what is written, what is refused."""

from __future__ import annotations

import pytest

from graph_service.domain.workflow import ChangeKind, Confidentiality, NeedStatus
from graph_service.errors import ForbiddenError, InvalidInputError, NotFoundError
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.workflow.audit import audit_log
from graph_service.services.workflow.events import changes
from graph_service.services.workflow.need_edits import NeedEdit, edit_need
from graph_service.services.workflow.needs import NeedDraft, change_need_status, get_need, post_need
from graph_service.store import GraphStore
from tests import workflow_graph
from tests.raw_cypher import read_raw
from tests.workflow_graph import OTHER, OWN

pytestmark = pytest.mark.both_engines

ENTERPRISE = Principal(Role.ENTERPRISE, OWN, token_id="t-own")
POSTED = NeedDraft("功率半导体封装", OWN, ["field:semi"], 10.0, 50.0, "2027-06-30", "成都市")


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    workflow_graph.build(store)
    return store


def _as_posted(**changed: object) -> NeedEdit:
    values: dict[str, object] = {
        "text": POSTED.text,
        "fields": list(POSTED.fields),
        "budget_min": POSTED.budget_min,
        "budget_max": POSTED.budget_max,
        "deadline": POSTED.deadline,
        "region": POSTED.region,
        "confidentiality": POSTED.confidentiality,
    }
    values.update(changed)
    return NeedEdit(**values)  # type: ignore[arg-type]


def test_an_enterprise_edits_its_need_and_the_edit_is_recorded(graph: GraphStore) -> None:
    need = post_need(graph, POSTED)
    graph.write_records("need_candidates_set", _candidates(need.id))
    with acting_as(ENTERPRISE):
        edited = edit_need(
            graph, need.id, _as_posted(text="碳化硅功率模块封装", budget_max=80.0, region=None), note="扩大范围"
        )
    assert (edited.text, edited.budget_max, edited.region, edited.status) == (
        "碳化硅功率模块封装",
        80.0,
        None,
        NeedStatus.OPEN,
    )
    assert edited == get_need(graph, need.id)
    last = edited.history[-1]
    assert (last.from_status, last.to_status, last.by) == ("open", "open", f"enterprise:{OWN}")
    assert last.note == "修改：需求描述、预算上限、地区偏好 / edited: text, budget up to, region — 扩大范围"
    [entry] = [e for e in audit_log(graph, first=10).items if e.action == "need.edit"]
    assert (entry.record, entry.actor) == (need.id, f"enterprise:{OWN}")
    kinds = [e.kind for e in changes(graph).events]
    assert kinds == [ChangeKind.NEED_POSTED, ChangeKind.NEED_EDITED]
    # The sweep ranks the edited need again: its candidates' version is gone, the seen ones kept.
    seen = "MATCH (n:TechNeed {id: $id}) RETURN n.candidates_version AS v, n.candidates_seen AS s"
    [row] = read_raw(graph, seen, {"id": need.id})
    assert (row["v"], row["s"]) == (None, ["sci:a"])


def _candidates(need_id: str) -> dict[str, object]:
    return {"id": need_id, "seen": "", "statuses": ["open"], "uids": ["sci:a"], "version": "v1", "events": []}


def test_an_edit_that_changes_nothing_writes_nothing(graph: GraphStore) -> None:
    need = post_need(graph, POSTED)
    again = edit_need(graph, need.id, _as_posted(), note="重新提交")
    assert again == need
    assert [e.action for e in audit_log(graph, first=10).items] == ["need.post"]


def test_a_docking_need_is_edited_and_stays_in_docking(graph: GraphStore) -> None:
    need = post_need(graph, POSTED)
    change_need_status(graph, need.id, NeedStatus.IN_DOCKING)
    edited = edit_need(graph, need.id, _as_posted(confidentiality=Confidentiality.MANAGERS_ONLY, budget_min=None))
    assert (edited.status, edited.confidentiality, edited.budget_min) == (
        NeedStatus.IN_DOCKING,
        Confidentiality.MANAGERS_ONLY,
        None,
    )
    assert [s.to_status for s in edited.history] == ["open", "in_docking", "in_docking"]


def test_an_ended_need_and_wrong_fields_are_refused_naming_each(graph: GraphStore) -> None:
    need = post_need(graph, POSTED)
    with pytest.raises(InvalidInputError) as wrong:
        edit_need(graph, need.id, _as_posted(text=" ", fields=["field:nope"], budget_min=90.0, deadline="2020-01-01"))
    assert {p.field for p in wrong.value.problems} >= {"text", "fields", "budgetMin", "deadline"}
    change_need_status(graph, need.id, NeedStatus.WITHDRAWN)
    with pytest.raises(InvalidInputError) as ended:
        edit_need(graph, need.id, _as_posted(text="撤回后再改"))
    assert [p.field for p in ended.value.problems] == ["id"]
    assert "不能修改" in ended.value.problems[0].message
    now = get_need(graph, need.id)
    assert now is not None
    assert now.text == POSTED.text
    assert [e.action for e in audit_log(graph, first=10).items].count("need.edit") == 0


def test_only_brokers_and_the_owner_edit(graph: GraphStore) -> None:
    theirs = post_need(graph, NeedDraft("储能电池管理", OTHER, ["field:semi"]))
    with acting_as(ENTERPRISE), pytest.raises(NotFoundError):
        edit_need(graph, theirs.id, NeedEdit("改别人的"))  # another's need looks missing
    with acting_as(Principal(Role.ANALYST, token_id="t-a")), pytest.raises(ForbiddenError):
        edit_need(graph, theirs.id, NeedEdit("分析人员修改"))
    with acting_as(Principal(Role.MANAGER, token_id="t-m")):
        assert edit_need(graph, theirs.id, NeedEdit("储能电池管理系统", ["field:semi"])).text == "储能电池管理系统"
