"""Technology needs as records, on the real engines: posting, the status machine, who sees what, the queue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from graph_service.domain.workflow import Confidentiality, NeedStatus
from graph_service.errors import ForbiddenError, InvalidInputError, LimitExceededError, NotFoundError
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.stats import graph_stats
from graph_service.services.workflow.audit import audit_log
from graph_service.services.workflow.needs import (
    change_need_status,
    expire_overdue,
    get_need,
    list_needs,
    post_need,
)
from graph_service.services.workflow.queue import best_candidates, need_queue
from graph_service.services.workflow.statuses import NEED_MOVES
from graph_service.store import GraphStore
from tests import workflow_graph
from tests.workflow_graph import CHAIN, EMPTY_CHAIN, OTHER, OWN, need_draft

pytestmark = pytest.mark.both_engines

ENTERPRISE = Principal(Role.ENTERPRISE, OWN, token_id="t-own")
OTHER_ENTERPRISE = Principal(Role.ENTERPRISE, OTHER, token_id="t-other")
ANALYST = Principal(Role.ANALYST, token_id="t-analyst")
MANAGER = Principal(Role.MANAGER, token_id="t-manager")
SOON = (date.today() + timedelta(days=30)).isoformat()


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    workflow_graph.build(store)
    return store


def test_a_posted_need_is_open_with_its_history_and_audit_entry(graph: GraphStore) -> None:
    before = graph_stats(graph)
    need = post_need(
        graph,
        need_draft(budget_min=50, budget_max=200, deadline=SOON, region="成都", confidentiality=Confidentiality.PUBLIC),
    )
    assert need.id.startswith("need:")
    assert len(need.id) == 31
    assert (need.status, need.enterprise, need.fields) == (NeedStatus.OPEN, OWN, ("field:semi",))
    assert (need.budget_min, need.budget_max, need.deadline) == (50.0, 200.0, SOON)
    assert (need.region, need.enterprise_region) == ("成都市", "高新区")  # the region by its own name
    assert [(s.from_status, s.to_status, s.by) for s in need.history] == [("", "open", "admin")]
    assert get_need(graph, need.id) == need
    entries = audit_log(graph).items
    assert [(e.action, e.record, e.before, e.after, e.actor) for e in entries] == [
        ("need.post", need.id, "", "open", "admin")
    ]
    # Bookkeeping, not entities: statistics, and so listings and exports, do not see them.
    after = graph_stats(graph)
    assert (after.entity_total, after.relation_total) == (before.entity_total, before.relation_total)


def test_the_status_machine_refuses_every_illegal_move_naming_need_and_statuses(graph: GraphStore) -> None:
    for start in NeedStatus:
        for to in NeedStatus:
            if to is start:
                continue
            need = post_need(graph, need_draft())
            path = {
                NeedStatus.OPEN: [],
                NeedStatus.IN_DOCKING: [NeedStatus.IN_DOCKING],
                NeedStatus.MET: [NeedStatus.MET],
                NeedStatus.WITHDRAWN: [NeedStatus.WITHDRAWN],
                NeedStatus.EXPIRED: [NeedStatus.EXPIRED],
            }[start]
            for step in path:
                need = change_need_status(graph, need.id, step)
            assert need.status is start
            if to in NEED_MOVES[start]:
                assert change_need_status(graph, need.id, to, note="ok").status is to
                continue
            with pytest.raises(InvalidInputError) as refused:
                change_need_status(graph, need.id, to)
            message = str(refused.value)
            assert need.id in message
            assert start.value.replace("_", " ") in message
            assert to.value.replace("_", " ") in message
            assert " / " in message
            assert get_need(graph, need.id) == need, "a refused move writes nothing"


def test_a_resent_move_changes_nothing(graph: GraphStore) -> None:
    need = post_need(graph, need_draft())
    moved = change_need_status(graph, need.id, NeedStatus.WITHDRAWN, note="不再需要")
    logged = len(audit_log(graph).items)
    assert change_need_status(graph, need.id, NeedStatus.WITHDRAWN, note="不再需要") == moved
    assert len(audit_log(graph).items) == logged
    step = moved.history[-1]
    assert (step.from_status, step.to_status, step.note) == ("open", "withdrawn", "不再需要")
    entry = audit_log(graph, record=need.id).items[0]
    assert (entry.action, entry.before, entry.after, entry.note) == ("need.status", "open", "withdrawn", "不再需要")


def test_an_enterprise_posts_sees_and_moves_only_its_own(graph: GraphStore) -> None:
    theirs = post_need(graph, need_draft(enterprise=OTHER, confidentiality=Confidentiality.MANAGERS_ONLY))
    with acting_as(ENTERPRISE):
        mine = post_need(graph, need_draft(enterprise=None))  # for itself, by default
        assert mine.enterprise == OWN
        assert mine.created_by == f"enterprise:{OWN}"
        with pytest.raises(ForbiddenError):
            post_need(graph, need_draft(enterprise=OTHER))
        assert get_need(graph, theirs.id) is None
        assert [n.id for n in list_needs(graph).items] == [mine.id]
        with pytest.raises(ForbiddenError):
            list_needs(graph, enterprise=OTHER)
        with pytest.raises(NotFoundError):  # not "forbidden": another's need is not there for it
            change_need_status(graph, theirs.id, NeedStatus.WITHDRAWN)
        with pytest.raises(ForbiddenError):  # taking into docking is the managers' move
            change_need_status(graph, mine.id, NeedStatus.IN_DOCKING)
        with pytest.raises(ForbiddenError):
            need_queue(graph)
        with pytest.raises(ForbiddenError):
            audit_log(graph)
        assert change_need_status(graph, mine.id, NeedStatus.WITHDRAWN).status is NeedStatus.WITHDRAWN
    assert get_need(graph, theirs.id) == theirs, "the other enterprise's need is untouched"


def test_analysts_read_public_needs_only_and_change_nothing(graph: GraphStore) -> None:
    public = post_need(graph, need_draft())
    secret = post_need(graph, need_draft(confidentiality=Confidentiality.MANAGERS_ONLY))
    with acting_as(ANALYST):
        assert [n.id for n in list_needs(graph).items] == [public.id]
        assert get_need(graph, secret.id) is None
        assert [n.id for n in need_queue(graph).items] == [public.id]
        with pytest.raises(NotFoundError):
            change_need_status(graph, secret.id, NeedStatus.WITHDRAWN)
        with pytest.raises(ForbiddenError):
            change_need_status(graph, public.id, NeedStatus.WITHDRAWN)
        with pytest.raises(ForbiddenError):
            post_need(graph, need_draft())
    with acting_as(Principal(Role.ANONYMOUS)), pytest.raises(ForbiddenError):
        list_needs(graph)


def test_the_queue_holds_open_needs_by_region_and_chain(graph: GraphStore) -> None:
    semi = post_need(graph, need_draft())  # ent:x sits in 高新区, within 成都市
    bio = post_need(graph, need_draft(enterprise=OTHER, fields=["field:bio"], text="生物医药"))  # ent:y: 成都市
    docking = post_need(graph, need_draft())
    change_need_status(graph, docking.id, NeedStatus.IN_DOCKING)
    with acting_as(MANAGER):
        assert [n.id for n in need_queue(graph).items] == [bio.id, semi.id]
        assert [n.id for n in need_queue(graph, chain=CHAIN).items] == [semi.id]
        assert [n.id for n in need_queue(graph, region="高新区").items] == [semi.id]
        assert {n.id for n in need_queue(graph, region="成都市").items} == {semi.id, bio.id}
        assert need_queue(graph, region="四川省", chain=CHAIN).items[0].id == semi.id
        assert need_queue(graph, chain=EMPTY_CHAIN).items == []
        with pytest.raises(NotFoundError):
            need_queue(graph, chain="c:none")
        page = need_queue(graph, first=1)
        assert page.has_next
        assert page.end_cursor is not None
        assert [n.id for n in need_queue(graph, first=1, after=page.end_cursor).items] == [semi.id]
        with pytest.raises(LimitExceededError):
            need_queue(graph, first=0)


def test_the_queue_attaches_the_recommenders_best_candidates(graph: GraphStore) -> None:
    need = post_need(graph, need_draft(text="功率半导体"))
    with acting_as(MANAGER):
        found = best_candidates(graph, need, first=3)
    assert 1 <= len(found) <= 3
    assert "sci:a" in {r.partner.uid for r in found}  # the field's scientist
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    unreadable = post_need(graph, need_draft(text="无法理解的描述", fields=[]))
    assert best_candidates(graph, unreadable) == []
    with acting_as(OTHER_ENTERPRISE):
        assert best_candidates(graph, need) == []  # not its need: nothing is recommended for it


def test_overdue_needs_expire_with_a_dated_step(graph: GraphStore) -> None:
    soon = post_need(graph, need_draft(deadline=SOON))
    later = post_need(graph, need_draft(deadline=(date.today() + timedelta(days=90)).isoformat()))
    none = post_need(graph, need_draft())
    expired = expire_overdue(graph, today=date.today() + timedelta(days=31))
    assert [n.id for n in expired] == [soon.id]
    assert expired[0].status is NeedStatus.EXPIRED
    assert "deadline" in expired[0].history[-1].note
    assert {n.id: n.status for n in list_needs(graph).items} == {
        soon.id: NeedStatus.EXPIRED,
        later.id: NeedStatus.OPEN,
        none.id: NeedStatus.OPEN,
    }
    with acting_as(ENTERPRISE), pytest.raises(ForbiddenError):
        expire_overdue(graph)


def test_a_move_states_when_it_was_made(graph: GraphStore) -> None:
    need = post_need(graph, need_draft(), now=datetime(2026, 5, 1, 9, 30, tzinfo=UTC))
    moved = change_need_status(graph, need.id, NeedStatus.MET, now=datetime(2026, 5, 2, 10, 0, tzinfo=UTC))
    assert need.created_at == "2026-05-01T09:30:00.000Z"
    assert moved.updated_at == moved.history[-1].at == "2026-05-02T10:00:00.000Z"
