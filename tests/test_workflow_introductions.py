"""Introductions on the real engines: the status machine, decline reasons, agreement exactly once, contact details."""

from __future__ import annotations

import threading

import pytest

from graph_service.domain.workflow import (
    AgreementKind,
    Confidentiality,
    Decline,
    DeclineReason,
    DeclineSide,
    IntroductionSource,
    IntroductionStatus,
    NeedStatus,
)
from graph_service.errors import ForbiddenError, InvalidInputError, NotFoundError
from graph_service.ontology import RelationType
from graph_service.services.access.principal import Principal, Role, acting_as
from graph_service.services.workflow import introductions
from graph_service.services.workflow.audit import audit_log
from graph_service.services.workflow.contact import partner_contact
from graph_service.services.workflow.introductions import (
    IntroductionDraft,
    advance_introduction,
    get_introduction,
    list_introductions,
    propose_introduction,
)
from graph_service.services.workflow.needs import NeedDraft, change_need_status, get_need, post_need
from graph_service.services.workflow.statuses import INTRODUCTION_MOVES
from graph_service.store import GraphStore
from tests import kpi_history, workflow_graph
from tests.kpi_history import PROGRAMME
from tests.workflow_graph import OTHER, OWN

pytestmark = pytest.mark.both_engines

IS = IntroductionStatus
ENTERPRISE = Principal(Role.ENTERPRISE, OWN, token_id="t-own")
OTHER_ENTERPRISE = Principal(Role.ENTERPRISE, OTHER, token_id="t-other")
ANALYST = Principal(Role.ANALYST, token_id="t-analyst")
MANAGER = Principal(Role.MANAGER, token_id="t-manager")
# The shortest legal way to each status from proposed.
PATHS = {
    IS.PROPOSED: [],
    IS.CONTACTED: [IS.CONTACTED],
    IS.MET: [IS.CONTACTED, IS.MET],
    IS.NO_ANSWER: [IS.CONTACTED, IS.NO_ANSWER],
    IS.AGREED: [IS.CONTACTED, IS.MET, IS.AGREED],
    IS.DECLINED: [IS.DECLINED],
}
NO = Decline(DeclineReason.TIMING, "明年再议", DeclineSide.ENTERPRISE)


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    workflow_graph.build(store)
    return store


def _need(store: GraphStore, **given: object) -> str:
    values: dict[str, object] = {"text": "功率半导体", "enterprise": OWN, "fields": ["field:semi"]}
    values.update(given)
    return post_need(store, NeedDraft(**values)).id  # type: ignore[arg-type]


def _ties(store: GraphStore, rel: RelationType, source: str, target: str) -> int:
    return int(store.read("relation_exists", {"source": source, "target": target}, slots={"rel": rel})[0]["found"])


def _walk(store: GraphStore, intro: str, to: IntroductionStatus) -> None:
    for status in PATHS[to]:
        advance_introduction(store, intro, status, decline=NO if status is IS.DECLINED else None)


def test_proposing_for_a_need_takes_it_into_docking(graph: GraphStore) -> None:
    need = _need(graph)
    with acting_as(MANAGER):
        intro = propose_introduction(
            graph, IntroductionDraft("sci:a", need=need, source=IntroductionSource.RECOMMENDATION, note="推荐第一名")
        )
    assert intro.id.startswith("intro:")
    assert (intro.status, intro.enterprise, intro.partner, intro.partner_kind) == (
        IS.PROPOSED,
        OWN,
        "sci:a",
        "Scientist",
    )
    assert (intro.need, intro.source, intro.created_by) == (need, IntroductionSource.RECOMMENDATION, "manager")
    docked = get_need(graph, need)
    assert docked is not None
    assert docked.status is NeedStatus.IN_DOCKING
    assert docked.history[-1].by == "manager"
    assert intro.id in docked.history[-1].note
    # One moment, one statement: the audit log's order within the millisecond is not kept.
    actions = {(e.action, e.record, e.after) for e in audit_log(graph, first=2).items}
    assert actions == {("need.status", need, "in_docking"), ("introduction.propose", intro.id, "proposed")}


def test_a_need_withdrawn_while_an_introduction_is_proposed_stays_withdrawn(
    graph: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manager's request read the need while it was open; the enterprise withdrew it before the write."""
    need = _need(graph)
    as_read = get_need(graph, need)
    change_need_status(graph, need, NeedStatus.WITHDRAWN, note="已自行解决")
    monkeypatch.setattr(introductions, "read_need", lambda store, need_id: as_read)
    with acting_as(MANAGER):
        intro = propose_introduction(graph, IntroductionDraft("sci:a", need=need))
    now = get_need(graph, need)
    assert now is not None
    assert (now.status, [s.to_status for s in now.history]) == (NeedStatus.WITHDRAWN, ["open", "withdrawn"])
    assert intro.status is IS.PROPOSED
    actions = [e.action for e in audit_log(graph, first=10).items]
    assert actions.count("need.status") == 1, "the withdrawal only: no move into docking was logged"


def test_a_proposal_names_real_parties_once(graph: GraphStore) -> None:
    need = _need(graph)
    cases: list[tuple[IntroductionDraft, str]] = [
        (IntroductionDraft("sci:none", enterprise=OWN), "partner"),
        (IntroductionDraft("field:semi", enterprise=OWN), "partner"),  # a field is not a partner
        (IntroductionDraft(OWN, enterprise=OWN), "partner"),
        (IntroductionDraft("sci:a"), "enterprise"),
        (IntroductionDraft("sci:a", enterprise="sci:b"), "enterprise"),
        (IntroductionDraft("sci:a", need=need, enterprise=OTHER), "enterprise"),
        (IntroductionDraft("sci:a", enterprise=OWN, note="x" * 501), "note"),
    ]
    for draft, field in cases:
        with pytest.raises(InvalidInputError) as refused:
            propose_introduction(graph, draft)
        assert field in {p.field for p in refused.value.problems}, (draft, refused.value.problems)
    with pytest.raises(NotFoundError):
        propose_introduction(graph, IntroductionDraft("sci:a", need="need:none"))
    first = propose_introduction(graph, IntroductionDraft("sci:a", need=need))
    with pytest.raises(InvalidInputError) as twice:
        propose_introduction(graph, IntroductionDraft("sci:a", need=need))
    assert first.id in str(twice.value.problems)
    propose_introduction(graph, IntroductionDraft("sci:a", enterprise=OWN))  # directly, not for the need: allowed
    change_need_status(graph, need, NeedStatus.MET)
    with pytest.raises(InvalidInputError):
        propose_introduction(graph, IntroductionDraft("sci:b", need=need))  # the need is over
    assert [i.id for i in list_introductions(graph, need=need).items] == [first.id]


def test_an_introduction_names_a_programme_that_exists(store: GraphStore) -> None:
    kpi_history.build(store)  # the history that holds a programme
    made = propose_introduction(store, IntroductionDraft("sci:c", enterprise="ent:y", programme=PROGRAMME))
    assert made.programme == PROGRAMME
    assert get_introduction(store, made.id).programme == PROGRAMME  # type: ignore[union-attr]
    for wrong in ("sci:a", "programme:none", "bad uid"):
        with pytest.raises(InvalidInputError) as refused:
            propose_introduction(store, IntroductionDraft("inv:v", enterprise="ent:y", programme=wrong))
        assert [p.field for p in refused.value.problems] == ["programme"]


def test_the_status_machine_refuses_every_illegal_move(graph: GraphStore) -> None:
    for start in IS:
        for to in IS:
            if to is start:
                continue
            intro = propose_introduction(graph, IntroductionDraft("inv:v", enterprise=OWN))
            _walk(graph, intro.id, start)
            here = get_introduction(graph, intro.id)
            assert here is not None
            assert here.status is start
            decline = NO if to is IS.DECLINED else None
            if to in INTRODUCTION_MOVES[start]:
                assert advance_introduction(graph, intro.id, to, decline=decline).status is to
            else:
                with pytest.raises(InvalidInputError) as refused:
                    advance_introduction(graph, intro.id, to, decline=decline)
                message = str(refused.value)
                assert intro.id in message
                assert " / " in message
                assert start.value.replace("_", " ") in message
                assert to.value.replace("_", " ") in message
                assert get_introduction(graph, intro.id) == here, "a refused move writes nothing"
            # Close it, so the next proposal for the same pair is not a duplicate.
            current = get_introduction(graph, intro.id)
            assert current is not None
            if current.status not in (IS.AGREED, IS.DECLINED):
                advance_introduction(graph, intro.id, IS.DECLINED, decline=NO)


def test_a_decline_needs_a_reason_from_the_list_and_says_why_for_other(graph: GraphStore) -> None:
    intro = propose_introduction(graph, IntroductionDraft("sci:a", enterprise=OWN)).id
    advance_introduction(graph, intro, IS.CONTACTED, note="电话已联系")
    with pytest.raises(InvalidInputError) as no_reason:
        advance_introduction(graph, intro, IS.DECLINED)
    assert {p.field for p in no_reason.value.problems} == {"decline"}
    with pytest.raises(InvalidInputError) as no_text:
        advance_introduction(graph, intro, IS.DECLINED, decline=Decline(DeclineReason.OTHER))
    assert {p.field for p in no_text.value.problems} == {"decline.text"}
    with pytest.raises(InvalidInputError):
        advance_introduction(graph, intro, IS.MET, decline=NO)  # a reason belongs to a decline only
    said = Decline(DeclineReason.HAS_PARTNER, "已与其他院所合作", DeclineSide.PARTNER)
    declined = advance_introduction(graph, intro, IS.DECLINED, decline=said, note="回访确认")
    assert declined.status is IS.DECLINED
    assert declined.decline == said
    assert [(s.from_status, s.to_status, s.note) for s in declined.history] == [
        ("", "proposed", ""),
        ("proposed", "contacted", "电话已联系"),
        ("contacted", "declined", "回访确认"),
    ]
    assert all(s.at and s.by == "admin" for s in declined.history)
    # Re-sent, it changes nothing; a different reason is a move out of a final status.
    assert advance_introduction(graph, intro, IS.DECLINED, decline=said) == declined
    with pytest.raises(InvalidInputError):
        advance_introduction(graph, intro, IS.DECLINED, decline=NO)


def test_posting_and_moving_records_keep_the_version_cached_reports_check(graph: GraphStore) -> None:
    # The graph's version guards caches of entity-derived reports (chain gaps, 5 s uncached at
    # a million entities): a broker's day of proposals and moves must not drop them.
    version = graph.version()
    need = _need(graph)
    intro = propose_introduction(graph, IntroductionDraft("ag:1", need=need)).id
    _walk(graph, intro, IS.MET)
    change_need_status(graph, need, NeedStatus.OPEN)
    assert graph.version() == version
    assert get_introduction(graph, intro) is not None


def test_an_agreement_writes_exactly_one_relationship_and_resending_changes_nothing(graph: GraphStore) -> None:
    need = _need(graph)
    intro = propose_introduction(graph, IntroductionDraft("ag:1", need=need)).id
    _walk(graph, intro, IS.MET)
    assert _ties(graph, RelationType.SERVES, "ag:1", OWN) == 0
    version = graph.version()
    agreed = advance_introduction(graph, intro, IS.AGREED, agreement_kind=AgreementKind.SERVICE, note="签约")
    assert agreed.status is IS.AGREED
    assert agreed.agreement is not None
    assert (agreed.agreement.type, agreed.agreement.source, agreed.agreement.target) == ("SERVES", "ag:1", OWN)
    assert _ties(graph, RelationType.SERVES, "ag:1", OWN) == 1
    assert graph.version() != version, "caches of the graph see the new relationship"
    logged = audit_log(graph, record=intro).items
    assert logged[0].action == "introduction.agree"
    assert "SERVES" in logged[0].note
    for _ in range(3):
        assert advance_introduction(graph, intro, IS.AGREED, agreement_kind=AgreementKind.SERVICE) == agreed
    assert _ties(graph, RelationType.SERVES, "ag:1", OWN) == 1
    assert audit_log(graph, record=intro).items == logged
    with pytest.raises(InvalidInputError):  # agreed as something else: refused, not a second relationship
        advance_introduction(graph, intro, IS.AGREED, agreement_kind=AgreementKind.COLLABORATION)
    assert _ties(graph, RelationType.COLLABORATED_WITH, OWN, "ag:1") == 0


def test_concurrent_agreements_write_one_relationship(graph: GraphStore) -> None:
    intro = propose_introduction(graph, IntroductionDraft("inv:v", enterprise=OTHER)).id
    _walk(graph, intro, IS.MET)
    results: list[object] = []

    def agree() -> None:
        with acting_as(MANAGER):
            results.append(advance_introduction(graph, intro, IS.AGREED, agreement_kind=AgreementKind.INVESTMENT))

    threads = [threading.Thread(target=agree) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert _ties(graph, RelationType.INVESTED_IN, "inv:v", OTHER) == 1
    assert [e.action for e in audit_log(graph, record=intro).items].count("introduction.agree") == 1


@pytest.mark.parametrize(
    ("partner", "kind", "rel", "source", "target"),
    [
        ("sci:a", AgreementKind.COLLABORATION, RelationType.COLLABORATED_WITH, OWN, "sci:a"),
        ("inv:v", AgreementKind.INVESTMENT, RelationType.INVESTED_IN, "inv:v", OWN),
        ("ach:1", AgreementKind.TRANSFER, RelationType.TRANSFERRED_TO, "ach:1", OWN),
    ],
)
def test_each_agreement_kind_is_its_relation(
    graph: GraphStore, partner: str, kind: AgreementKind, rel: RelationType, source: str, target: str
) -> None:
    intro = propose_introduction(graph, IntroductionDraft(partner, enterprise=OWN)).id
    _walk(graph, intro, IS.MET)
    before = _ties(graph, rel, source, target)
    advance_introduction(graph, intro, IS.AGREED, agreement_kind=kind)
    assert _ties(graph, rel, source, target) == 1
    assert before in (0, 1)  # inv:v already invested in ent:x: the existing tie is kept, not doubled


def test_an_agreement_the_ontology_forbids_writes_nothing(graph: GraphStore) -> None:
    intro = propose_introduction(graph, IntroductionDraft("sci:a", enterprise=OWN)).id
    _walk(graph, intro, IS.MET)
    with pytest.raises(InvalidInputError) as refused:
        advance_introduction(graph, intro, IS.AGREED, agreement_kind=AgreementKind.INVESTMENT)
    assert "INVESTED_IN" in str(refused.value)
    assert " / " in str(refused.value)
    still = get_introduction(graph, intro)
    assert still is not None
    assert still.status is IS.MET
    assert _ties(graph, RelationType.INVESTED_IN, "sci:a", OWN) == 0
    assert advance_introduction(graph, intro, IS.AGREED).agreement is None  # agreed without a relationship


def test_an_enterprise_sees_its_own_introductions_only_and_moves_none(graph: GraphStore) -> None:
    secret = _need(graph, confidentiality=Confidentiality.MANAGERS_ONLY)
    mine = propose_introduction(graph, IntroductionDraft("sci:a", need=secret)).id
    theirs = propose_introduction(graph, IntroductionDraft("sci:a", enterprise=OTHER)).id
    with acting_as(ENTERPRISE):
        assert [i.id for i in list_introductions(graph).items] == [mine]
        assert get_introduction(graph, theirs) is None
        with pytest.raises(ForbiddenError):
            list_introductions(graph, enterprise=OTHER)
        with pytest.raises(ForbiddenError):
            advance_introduction(graph, mine, IS.CONTACTED)
        with pytest.raises(ForbiddenError):
            propose_introduction(graph, IntroductionDraft("sci:b", enterprise=OWN))
    with acting_as(ANALYST):
        assert [i.id for i in list_introductions(graph).items] == [theirs]  # the confidential need's stays hidden
        with pytest.raises(ForbiddenError):
            advance_introduction(graph, theirs, IS.CONTACTED)


def test_contact_details_reach_the_enterprise_only_once_agreed(graph: GraphStore) -> None:
    intro = propose_introduction(graph, IntroductionDraft("sci:a", enterprise=OWN)).id
    other = propose_introduction(graph, IntroductionDraft("sci:a", enterprise=OTHER)).id
    email = {"email": "a@example.invalid"}
    for status in [IS.CONTACTED, IS.MET, IS.AGREED]:
        current = get_introduction(graph, intro)
        assert current is not None
        with acting_as(ENTERPRISE):
            assert partner_contact(graph, current) is None, status
        with acting_as(MANAGER):
            assert partner_contact(graph, current) == email
        advance_introduction(graph, intro, status)
    agreed = get_introduction(graph, intro)
    assert agreed is not None
    assert agreed.status is IS.AGREED
    with acting_as(ENTERPRISE):
        assert partner_contact(graph, agreed) == email
    with acting_as(OTHER_ENTERPRISE):
        assert partner_contact(graph, agreed) is None
        pending = get_introduction(graph, other)
        assert pending is not None
        assert partner_contact(graph, pending) is None
    with acting_as(ANALYST):
        assert partner_contact(graph, agreed) is None
