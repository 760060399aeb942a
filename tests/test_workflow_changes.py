"""Change events on the real engines: the changes query and its cursor, who sees what, the sweep, the feeds."""

from __future__ import annotations

import contextvars
import json
import tempfile
import threading
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.domain.workflow import ChangeEvent, ChangeKind, Confidentiality, IntroductionStatus, NeedStatus
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.access.tokens import TokenStore
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.workflow import events
from graph_service.services.workflow.events import changes
from graph_service.services.workflow.introductions import IntroductionDraft, advance_introduction, propose_introduction
from graph_service.services.workflow.needs import NeedDraft, change_need_status, post_need
from graph_service.services.workflow.records import now_utc
from graph_service.services.workflow.sweep import SWEEPER, refresh_candidates, sweep
from graph_service.store import GraphStore
from tests import workflow_graph
from tests.api_client import graphql_post
from tests.workflow_graph import OTHER, OWN

pytestmark = pytest.mark.both_engines

ENTERPRISE = Principal(Role.ENTERPRISE, OWN, token_id="t-own")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    workflow_graph.build(store)
    return store


def _kinds(events: list[ChangeEvent]) -> list[tuple[str, str, str]]:
    return [(e.kind.value, e.from_status, e.to_status) for e in events]


def test_status_events_come_in_order_and_resume_from_the_cursor(graph: GraphStore) -> None:
    need = post_need(graph, NeedDraft("功率半导体封装", OWN, ["field:semi"]))
    first = changes(graph)
    assert _kinds(first.events) == [("need_posted", "", "open")]
    assert first.events[0].by == "admin"
    intro = propose_introduction(graph, IntroductionDraft("ag:1", need=need.id, note="首次引荐"))
    advance_introduction(graph, intro.id, IntroductionStatus.CONTACTED)
    page = changes(graph, since=first.cursor)
    assert _kinds(page.events) == [
        ("introduction_proposed", "", "proposed"),
        ("need_status", "open", "in_docking"),
        ("introduction_status", "proposed", "contacted"),
    ]
    assert page.events[0].partner == "ag:1"
    assert page.events[0].note == "首次引荐"
    assert changes(graph, since=page.cursor).events == []
    assert changes(graph, since=page.cursor).cursor == page.cursor  # a poller keeps its place
    two = changes(graph, first=2)
    assert (len(two.events), two.has_more) == (2, True)
    assert [e.id for e in changes(graph, since=two.cursor).events] == [e.id for e in page.events[1:]]


def test_events_sort_in_the_order_they_were_written_whatever_the_writers_clock(
    graph: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process whose clock runs a day ahead writes first; the event after it still sorts after it."""
    monkeypatch.setattr(events, "now_utc", lambda: now_utc() + timedelta(days=1))
    ahead = post_need(graph, NeedDraft("时钟超前的进程", OWN, ["field:semi"]))
    monkeypatch.setattr(events, "now_utc", now_utc)
    read = changes(graph)
    behind = post_need(graph, NeedDraft("时钟正常的进程", OWN, ["field:semi"]))
    page = changes(graph, since=read.cursor)
    assert [e.record for e in read.events] == [ahead.id]
    assert [e.record for e in page.events] == [behind.id], "not lost behind the cursor of the event before it"
    assert page.events[0].seq == read.events[0].seq + 1


def test_a_poller_misses_no_event_while_writers_race(graph: GraphStore) -> None:
    writers, each = 4, 6
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(each):
                post_need(graph, NeedDraft(f"并发需求 {n}-{i}", OWN, ["field:semi"]))
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    # Each writer acts as the test's principal: a thread starts with an empty context.
    threads = [threading.Thread(target=contextvars.copy_context().run, args=(write, n)) for n in range(writers)]
    for thread in threads:
        thread.start()
    seen: list[ChangeEvent] = []
    cursor: str | None = None
    while any(thread.is_alive() for thread in threads):
        page = changes(graph, since=cursor, first=3)
        seen += page.events
        cursor = page.cursor
    for thread in threads:
        thread.join()
    while (page := changes(graph, since=cursor, first=3)).events:
        seen += page.events
        cursor = page.cursor
    assert errors == []
    assert len(seen) == len({e.id for e in seen}) == writers * each, "every event read once"
    assert [e.seq for e in seen] == sorted(e.seq for e in seen)


def test_an_enterprise_sees_only_its_own_events(graph: GraphStore) -> None:
    theirs = post_need(graph, NeedDraft("对方需求", OTHER, ["field:semi"], confidentiality=Confidentiality.PUBLIC))
    propose_introduction(graph, IntroductionDraft("ag:1", need=theirs.id, note="对方备注"))
    mine = post_need(graph, NeedDraft("本企业需求", OWN, ["field:semi"]))
    secret = post_need(graph, NeedDraft("保密", OWN, confidentiality=Confidentiality.MANAGERS_ONLY))
    with acting_as(ENTERPRISE):
        seen = changes(graph).events
        assert {e.record for e in seen} == {mine.id, secret.id}
        assert {e.enterprise for e in seen} == {OWN}
    with acting_as(Principal(Role.ANALYST, token_id="t-a")):
        assert secret.id not in {e.record for e in changes(graph).events}


def _matching_scientist(store: GraphStore) -> None:
    scientist = EntityRecord(EntityKind.SCIENTIST, "sci:new", {"uid": "sci:new", "name": "新来的功率器件专家"})
    write_entities(store, [scientist])
    write_relations(store, [RelationRecord(RelationType.IN_FIELD, "sci:new", "field:semi", {"weight": 1.0})])


def _candidate_events(store: GraphStore) -> list[ChangeEvent]:
    return [e for e in changes(store, first=100).events if e.kind is ChangeKind.CANDIDATES_FOUND]


def test_a_new_matching_scientist_is_announced_once(graph: GraphStore) -> None:
    need = post_need(graph, NeedDraft("功率半导体器件封装可靠性测试", OWN, ["field:semi"]))
    with acting_as(SWEEPER):
        sweep(graph)  # the need's first top list
        baseline = len(_candidate_events(graph))
        assert sweep(graph).candidate_events == 0, "nothing moved: nothing to tell"
        _matching_scientist(graph)
        report = sweep(graph)
        found = _candidate_events(graph)[baseline:]
        assert report.candidate_events == 1
        assert len(found) == 1
        event = found[0]
        assert event.record == need.id
        names = {c.uid: (c.kind, c.name) for c in event.candidates}
        assert names["sci:new"] == ("Scientist", "新来的功率器件专家")
        assert sweep(graph).candidate_events == 0, "a second sweep at the same version writes none"
        assert len(_candidate_events(graph)) == baseline + 1


def test_two_sweeps_at_once_write_each_event_once(graph: GraphStore) -> None:
    for n in range(3):
        post_need(graph, NeedDraft(f"功率半导体需求{n}", OWN, ["field:semi"]))
    results: list[tuple[int, int, str]] = []

    def run() -> None:
        with acting_as(SWEEPER):
            results.append(refresh_candidates(graph))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r[0] for r in results) == 3, results  # each need recorded by one sweep only
    assert len(_candidate_events(graph)) == sum(r[1] for r in results) <= 3


def test_the_sweep_expires_an_overdue_need_and_the_feed_says_so(graph: GraphStore) -> None:
    soon = (date.today() + timedelta(days=1)).isoformat()
    need = post_need(graph, NeedDraft("限期需求", OWN, ["field:semi"], deadline=soon))
    with acting_as(SWEEPER):
        assert sweep(graph, today=date.today() + timedelta(days=2)).expired == 1
        assert sweep(graph, today=date.today() + timedelta(days=2)).expired == 0
    with acting_as(ENTERPRISE):
        moves = [e for e in changes(graph).events if e.kind is ChangeKind.NEED_STATUS]
    assert [(e.record, e.to_status) for e in moves] == [(need.id, NeedStatus.EXPIRED.value)]


def _feed_client(store: GraphStore) -> tuple[TestClient, str, str, str]:
    """A client with no default header, an enterprise token, its feed key and another token's key."""
    tokens = TokenStore(Path(tempfile.mkdtemp(prefix="tokens-")) / "tokens.json")
    token, record = tokens.create(Role.ENTERPRISE, OWN)
    key = tokens.issue_feed_key(record.id)
    _, other = tokens.create(Role.ENTERPRISE, OTHER)
    other_key = tokens.issue_feed_key(other.id)
    return TestClient(create_app(store=store, tokens=tokens)), token, key, other_key


def test_feeds_with_the_header_and_with_the_feed_key(graph: GraphStore, caplog: pytest.LogCaptureFixture) -> None:
    mine = post_need(graph, NeedDraft("本企业的功率器件需求", OWN, ["field:semi"]))
    post_need(graph, NeedDraft("对方的需求", OTHER, ["field:semi"]))
    change_need_status(graph, mine.id, NeedStatus.IN_DOCKING)
    client, token, key, other_key = _feed_client(graph)
    with client, caplog.at_level("INFO", logger="graph_service.access"):
        atom = client.get("/feeds/changes.atom", headers={"Authorization": f"Bearer {token}"})
        assert atom.status_code == 200
        assert atom.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(atom.content)
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None, required
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 2
        for entry in entries:
            assert (entry.findtext(f"{ATOM}id") or "").startswith("tag:")
            assert entry.findtext(f"{ATOM}updated")
            assert " / " in (entry.findtext(f"{ATOM}title") or "")  # Chinese / English
        assert "对方" not in atom.text
        assert key not in atom.text

        feed = client.get("/feeds/changes.json", params={"key": key})
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("application/feed+json")
        body = feed.json()
        assert body["version"] == "https://jsonfeed.org/version/1.1"
        assert isinstance(body["title"], str)
        assert isinstance(body["items"], list)
        assert key not in feed.text
        ids = [item["id"] for item in body["items"]]
        assert len(ids) == len(set(ids)) == 2
        for item in body["items"]:
            assert item["content_text"]
            assert item["date_published"]
            assert item["title"]
        assert [item["_graph_service"]["kind"] for item in body["items"]] == ["need_status", "need_posted"]
        oldest = body["items"][-1]["_graph_service"]["cursor"]
        newer = client.get("/feeds/changes.json", params={"key": key, "since": oldest}).json()
        assert [i["_graph_service"]["kind"] for i in newer["items"]] == ["need_status"]

        assert client.get("/feeds/changes.json", params={"key": key + "x"}).status_code == 401
        assert client.get("/feeds/changes.atom", params={"key": token}).status_code == 401  # the token is no key
        assert client.get("/feeds/changes.atom").status_code == 401
        theirs = client.get("/feeds/changes.json", params={"key": other_key}).json()
        assert {i["_graph_service"]["enterprise"] for i in theirs["items"]} == {OTHER}
        assert client.post("/graphql", params={"key": key}, json={"query": "{ changes { cursor } }"}).status_code == 401
    assert key not in caplog.text


def test_a_revoked_token_takes_its_feed_key_with_it(graph: GraphStore) -> None:
    tokens = TokenStore(Path(tempfile.mkdtemp(prefix="tokens-")) / "tokens.json")
    _, record = tokens.create(Role.MANAGER)
    key = tokens.issue_feed_key(record.id)
    assert tokens.verify_feed_key(key) is not None
    tokens.revoke(record.id)
    assert tokens.verify_feed_key(key) is None


def test_changes_through_graphql_hide_other_enterprises_by_any_path(graph: GraphStore) -> None:
    post_need(graph, NeedDraft("对方的需求", OTHER, ["field:semi"]))
    mine = post_need(graph, NeedDraft("本企业需求", OWN, ["field:semi"]))
    tokens = TokenStore(Path(tempfile.mkdtemp(prefix="tokens-")) / "tokens.json")
    token, _ = tokens.create(Role.ENTERPRISE, OWN)
    query = """
    fragment E on ChangeEvent { recordId enterpriseUid title titleEn by }
    query { a: changes { events { ...E } cursor } b: changes(first: 1) { events { ... on ChangeEvent { recordId } } } }
    """
    with TestClient(create_app(store=graph, tokens=tokens), headers={"Authorization": f"Bearer {token}"}) as client:
        body = graphql_post(client, query)
        assert "errors" not in body, body
        assert [e["recordId"] for e in body["data"]["a"]["events"]] == [mine.id]
        assert [e["recordId"] for e in body["data"]["b"]["events"]] == [mine.id]
        assert "对方" not in json.dumps(body, ensure_ascii=False)
        cursor = body["data"]["a"]["cursor"]
        again = graphql_post(client, "query($c: String) { changes(since: $c) { events { id } cursor } }", {"c": cursor})
        assert again["data"]["changes"] == {"events": [], "cursor": cursor}
