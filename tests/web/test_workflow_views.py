"""The matchmaking workflow's views (issue 21) in real Chromium against a real server.

One server for the module, on a data directory prepared before it starts: the small ecosystem
of tests/workflow_graph.py with needs and introductions written through the services, and a
manager's and an enterprise's token. Screenshots land in var/test-artefacts/explorer/.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from graph_service.config import Settings
from graph_service.domain.workflow import IntroductionStatus
from graph_service.services.access.issuing import issue_token
from graph_service.services.access.principal import LOCAL_OPERATOR, Role, acting_as
from graph_service.services.access.tokens import TokenStore
from graph_service.services.workflow.introductions import IntroductionDraft, advance_introduction, propose_introduction
from graph_service.services.workflow.needs import NeedDraft, post_need
from graph_service.store.factory import open_store
from tests import workflow_graph
from tests.web.conftest import ARTEFACTS, confined_page, serving
from tests.web.test_programme_language import HAN, OWN_WORDS
from tests.workflow_graph import OTHER, OWN

TOKEN_KEY = "ecosystem-graph.token"
SEMI = ["field:semi"]
EXTRA = 9  # more open needs of the other enterprise, so 成都市's queue runs past one page of 10


@dataclass
class Workflow:
    base: str
    host: str
    manager: str
    enterprise: str
    analyst: str
    needs: dict[str, str] = field(default_factory=dict)
    intros: dict[str, str] = field(default_factory=dict)

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """As the manager: what the page should show."""
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.manager}"}
        request = urllib.request.Request(f"{self.base}/graphql", body, headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            payload: dict[str, Any] = json.load(response)
        assert not payload.get("errors"), payload
        data: dict[str, Any] = payload["data"]
        return data


def _prepare(data_dir: Path) -> tuple[tuple[str, str, str], dict[str, str], dict[str, str]]:
    """The graph, its workflow records and three tokens, written before the server starts."""
    settings = replace(Settings.from_env(), data_dir=data_dir)
    store = open_store(settings)
    try:
        with acting_as(LOCAL_OPERATOR):
            workflow_graph.build(store)

            def need(text: str, owner: str, **more: Any) -> str:
                return post_need(store, NeedDraft(text, owner, SEMI, **more)).id

            needs = {
                "own_open": need(
                    "功率半导体器件封装测试合作", OWN, budget_min=50.0, budget_max=200.0, deadline="2027-06-30"
                ),
                "own_docking": need("功率器件可靠性测试", OWN, budget_max=80.0),
                "own_to_propose": need("功率模块驱动电路设计", OWN, deadline="2027-12-31"),
                "own_to_withdraw": need("功率器件老化试验设备", OWN),
                "other_open": need("储能电池管理系统开发", OTHER, deadline="2027-03-31"),
                "other_docking": need("储能系统安全检测", OTHER),
            }
            for i in range(EXTRA):
                needs[f"extra_{i}"] = need(f"功率半导体应用需求（第 {i + 1} 项）", OTHER)
            contacted = propose_introduction(store, IntroductionDraft("sci:a", need=needs["own_docking"])).id
            advance_introduction(store, contacted, IntroductionStatus.CONTACTED, note="已电话联系")
            to_decline = propose_introduction(store, IntroductionDraft("sci:b", need=needs["other_docking"])).id
            tokens = TokenStore(settings.token_path)
            graph = lambda: nullcontext(store)  # noqa: E731 -- the store already open
            manager, _ = issue_token(tokens, Role.MANAGER, None, "workflow views", graph=graph)
            enterprise, _ = issue_token(tokens, Role.ENTERPRISE, OWN, "workflow views", graph=graph)
            analyst, _ = issue_token(tokens, Role.ANALYST, None, "workflow views", graph=graph)
    finally:
        store.close()
    return (manager, enterprise, analyst), needs, {"contacted": contacted, "to_decline": to_decline}


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workflow]:
    data_dir = tmp_path_factory.mktemp("workflow-data")
    tokens, needs, intros = _prepare(data_dir)
    log = tmp_path_factory.mktemp("workflow-log") / "server.log"
    with serving(data_dir, log) as port:
        yield Workflow(f"http://127.0.0.1:{port}", f"127.0.0.1:{port}", *tokens, needs, intros)


@pytest.fixture
def page(context: BrowserContext, workflow: Workflow, request: pytest.FixtureRequest) -> Iterator[Page]:
    with confined_page(context, workflow.host, request.node.name) as page:
        yield page


def _as(page: Page, token: str) -> None:
    """The token in the tab's session, as the token field leaves it."""
    page.context.add_init_script(f"sessionStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(token)})")


def _queue_ids(workflow: Workflow, region: str) -> list[str]:
    data = workflow.graphql(
        "query($r: String!) { needQueue(region: $r, first: 50) { edges { node { id } } } }", {"r": region}
    )
    return [e["node"]["id"] for e in data["needQueue"]["edges"]]


def _shot(page: Page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"workflow-{name}.png"))


def _href(uid: str | None) -> str:
    """An entity page's link, as the page writes it (dom.js entityHref)."""
    return f"#/entity/{quote(uid or '', safe='')}"


def _ids(page: Page, selector: str) -> list[str]:
    ids: list[str] = page.locator(selector).evaluate_all("els => els.map((e) => e.dataset.id)")
    return ids


def test_the_queue_lists_a_region_s_open_needs_and_pages_on(page: Page, workflow: Workflow) -> None:
    _as(page, workflow.manager)
    page.goto(f"{workflow.base}/#/queue?region=高新区")
    cards = page.locator("#queue > li.need-card")
    expected = _queue_ids(workflow, "高新区")
    expect(cards).to_have_count(len(expected))
    assert _ids(page, "#queue > li.need-card") == expected
    assert workflow.needs["own_open"] in expected
    owners = cards.evaluate_all("els => els.map((e) => e.dataset.enterprise)")
    assert set(owners) == {OWN}, "高新区's queue holds the needs of its own enterprise only"
    card = page.locator(f'#queue > li[data-id="{workflow.needs["own_open"]}"]')
    expect(card.locator(".need-text")).to_have_text("功率半导体器件封装测试合作")
    expect(card.locator('[data-fact="budget"]')).to_have_text("50–200 万元")
    expect(card.locator('[data-fact="deadline"]')).to_have_text("2027-06-30")
    expect(card.locator('[data-fact="status"]')).to_have_text("待对接")
    expect(card.locator('[data-fact="fields"]')).to_have_text("功率半导体")
    expect(card.locator(".candidates > li").first).to_be_visible()
    assert workflow.needs["other_open"] not in _ids(page, "#queue > li.need-card")

    # The wider region, chosen in the form: the URL follows, and "more" pages through the cursor.
    page.locator("#queue-form select#region").select_option("成都市")
    expect(page).to_have_url(f"{workflow.base}/#/queue?region=%E6%88%90%E9%83%BD%E5%B8%82")
    expect(cards).to_have_count(10)
    page.locator("#queue-more").click()
    expected = _queue_ids(workflow, "成都市")
    expect(cards).to_have_count(len(expected))
    assert _ids(page, "#queue > li.need-card") == expected
    assert workflow.needs["other_open"] in expected
    assert workflow.needs["other_docking"] not in expected
    expect(page.locator("#queue-more")).to_be_hidden()

    page.locator("#lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#queue-count")).to_have_text("10 shown")  # the view is drawn afresh: one page
    english = page.evaluate(OWN_WORDS)
    assert len(english) > 10, english
    assert [text for text in english if HAN.search(text.partition(": ")[2])] == []

    # A chain whose segments require no field holds no need: the empty queue says so.
    page.locator("#queue-form select#chain").select_option(workflow_graph.EMPTY_CHAIN)
    expect(page).to_have_url(re.compile(r"chain=c:empty"))
    expect(page.locator("#queue-count")).to_have_text("No open need matches")
    expect(cards).to_have_count(0)


def test_a_manager_proposes_from_the_queue_and_moves_it_to_agreed(page: Page, workflow: Workflow) -> None:
    _as(page, workflow.manager)
    page.goto(f"{workflow.base}/#/queue?region=高新区")
    candidate = page.locator(f'#queue > li[data-id="{workflow.needs["own_to_propose"]}"] .candidates > li').first
    partner = candidate.get_attribute("data-uid")
    candidate.locator("button.propose").click()
    expect(page.locator("#intro-title")).to_have_attribute("data-status", "PROPOSED")
    intro = page.locator("#intro-title").get_attribute("data-id")
    assert intro
    assert intro.startswith("intro:")
    expect(page.locator('[data-fact="partner"] .entity-link')).to_have_attribute("href", _href(partner))

    for to, note in (("CONTACTED", "已电话联系对方"), ("MET", "线上会面"), ("AGREED", "签署合作意向")):
        page.locator("#move-note").fill(note)
        page.locator(f'#intro-moves button.move[data-to="{to}"]').click()
        if to == "AGREED":
            page.locator("#move-agreed button.confirm").click()
        expect(page.locator("#intro-title")).to_have_attribute("data-status", to)

    steps = page.locator("#intro-timeline > li")
    expect(steps).to_have_count(4)
    shown = steps.evaluate_all("els => els.map((e) => [e.dataset.to, e.dataset.at, e.textContent])")
    assert [s[0] for s in shown] == ["PROPOSED", "CONTACTED", "MET", "AGREED"]
    assert [s[1] for s in shown] == sorted(s[1] for s in shown), "steps in order of their dates"
    assert all(f"{s[1][:10]} {s[1][11:16]} UTC" in s[2] for s in shown), "each step shows its date and time"
    assert "签署合作意向" in shown[3][2]
    assert "生态伙伴经理" in shown[3][2]
    expect(page.locator("#intro-moves")).to_have_text("已是终态，不再变更")

    answer = workflow.graphql(
        "query($id: String!) { introduction(id: $id) { history { toStatus at } "
        "agreement { relation source target } } }",
        {"id": intro},
    )["introduction"]
    assert [s["at"] for s in answer["history"]] == [s[1] for s in shown]
    agreement = page.locator("#intro-agreement")
    expect(agreement).to_have_attribute("data-relation", answer["agreement"]["relation"])
    relation = agreement.locator(".relation")
    assert relation.get_attribute("data-source") == answer["agreement"]["source"]
    assert relation.get_attribute("data-target") == answer["agreement"]["target"]
    ends = relation.locator("a.entity-link")
    expect(ends).to_have_count(2)
    assert {ends.nth(0).get_attribute("href"), ends.nth(1).get_attribute("href")} == {
        _href(OWN),
        _href(partner),
    }

    # Beside the timeline, the two parties and the relationship the agreement wrote.
    drawn = page.evaluate(
        "window.explorer.graph.cy.edges().map((e) => [e.data('source'), e.data('type'), e.data('target')])"
    )
    assert drawn == [[answer["agreement"]["source"], answer["agreement"]["relation"], answer["agreement"]["target"]]]
    _shot(page, "timeline-agreed")

    # The need's page: taken into docking by the proposal, the introduction listed.
    page.locator('[data-fact="need"] a.need-link').click()
    expect(page.locator("#need-title")).to_have_attribute("data-id", workflow.needs["own_to_propose"])
    expect(page.locator("#need-history > li")).to_have_count(2)
    expect(page.locator("#need-candidates .candidates > li button.propose").first).to_be_visible()
    assert _ids(page, "#need-introductions > li") == [intro]
    expect(page.locator("#need-introductions > li .status")).to_have_text("已达成合作")


def test_a_decline_shows_its_reason_in_chinese_then_english(page: Page, workflow: Workflow) -> None:
    _as(page, workflow.manager)
    page.goto(f"{workflow.base}/#/introductions/{workflow.intros['to_decline']}")
    expect(page.locator("#intro-moves button.move")).to_have_count(2)  # proposed: contacted or declined only
    page.locator('#intro-moves button.move[data-to="DECLINED"]').click()
    page.locator("#decline-reason").select_option("TOO_EXPENSIVE")
    page.locator("#decline-text").fill("检测费用超出预算")
    page.locator("#decline-side").select_option("ENTERPRISE")
    page.locator("#move-declined button.confirm").click()
    expect(page.locator("#intro-title")).to_have_attribute("data-status", "DECLINED")
    expect(page.locator("#intro-decline .decline-reason")).to_have_text("费用过高")
    expect(page.locator("#intro-decline .decline-text")).to_have_text("检测费用超出预算")

    page.locator("#lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#intro-decline .decline-reason")).to_have_text("Too expensive")
    expect(page.locator("#intro-decline .decline-text")).to_have_text("检测费用超出预算")
    expect(page.locator("#intro-title .status")).to_have_text("Declined")
    expect(page.locator("#intro-moves")).to_have_text("Final: nothing follows")
    # The page's own words are all English now: headings, labels, chips, buttons.
    english = page.evaluate(OWN_WORDS)
    assert len(english) > 5, english
    assert [text for text in english if HAN.search(text.partition(": ")[2])] == []


def test_an_enterprise_sees_its_own_needs_and_no_contact_before_agreement(page: Page, workflow: Workflow) -> None:
    _as(page, workflow.enterprise)
    page.goto(f"{workflow.base}/#/mine")
    items = page.locator("#my-needs > li")
    expect(items.first).to_be_visible()
    owners = items.evaluate_all("els => els.map((e) => e.dataset.enterprise)")
    assert set(owners) == {OWN}
    assert set(_ids(page, "#my-needs > li")) == {
        workflow.needs[k] for k in ("own_open", "own_docking", "own_to_propose", "own_to_withdraw")
    }
    contacted = page.locator(f'#my-introductions > li[data-id="{workflow.intros["contacted"]}"]')
    expect(contacted.locator(".contact-later")).to_have_text("合作方联系方式将在达成合作后显示。")
    expect(contacted.locator("[data-contact]")).to_have_count(0)
    assert "a@example.invalid" not in contacted.inner_text()  # sci:a's, hidden until agreed
    # No introduction short of agreement shows any contact (the manager's test may have agreed one).
    pending = page.locator('#my-introductions > li:not([data-status="AGREED"])')
    expect(pending.locator("[data-contact]")).to_have_count(0)
    expect(pending.locator(".contact-later")).to_have_count(pending.count())

    # Posting a need: it comes back at the top of the list, marked.
    page.locator("#need-text").fill("碳化硅功率模块散热方案")
    page.locator("#need-fields").select_option("field:semi")
    page.locator("#need-budget-min").fill("10")
    page.locator("#need-budget-max").fill("30")
    page.locator("#need-deadline").fill("2027-09-30")
    page.locator("#post-need button[type=submit]").click()
    posted = page.locator("#my-needs > li.posted")
    expect(posted).to_have_count(1)
    expect(posted.locator(".need-link")).to_have_text("碳化硅功率模块散热方案")
    assert posted.get_attribute("data-enterprise") == OWN
    assert _ids(page, "#my-needs > li")[0] == posted.get_attribute("data-id")

    _shot(page, "mine-posted")

    # Another enterprise's need is "not found or not yours", with a way on.
    page.goto(f"{workflow.base}/#/needs/{workflow.needs['other_open']}")
    expect(page.locator("#not-found")).to_contain_text("没有这条记录，或它不属于您")
    expect(page.locator('#not-found a[href="#/mine"]')).to_be_visible()

    # The managers' queue is not an enterprise's: the refusal says which token is wanted.
    page.goto(f"{workflow.base}/#/queue")
    expect(page.locator("#error")).to_contain_text("经理或企业的访问令牌")
    expect(page.locator("#error-retry")).to_be_visible()


def _moves(page: Page, where: str) -> list[str | None]:
    buttons = page.locator(f"{where} button.move")
    return [buttons.nth(i).get_attribute("data-to") for i in range(buttons.count())]


def test_an_enterprise_withdraws_its_own_need_and_a_manager_takes_one_into_docking(
    page: Page, workflow: Workflow
) -> None:
    _as(page, workflow.enterprise)
    page.goto(f"{workflow.base}/#/needs/{workflow.needs['own_to_withdraw']}")
    expect(page.locator("#need-title .status")).to_have_attribute("data-status", "OPEN")
    assert _moves(page, "#need-moves") == ["MET", "WITHDRAWN"], "an enterprise's own moves only"
    expect(page.locator("#need-candidates")).to_have_count(0)
    page.locator("#need-move-note").fill("已自行解决")
    page.locator('#need-moves button.move[data-to="WITHDRAWN"]').click()
    expect(page.locator("#need-title .status")).to_have_attribute("data-status", "WITHDRAWN")
    expect(page.locator("#need-history > li")).to_have_count(2)
    expect(page.locator("#need-history > li").last).to_contain_text("已自行解决")
    expect(page.locator("#need-moves")).to_have_text("已是终态，不再变更")
    _shot(page, "need-withdrawn")

    page.context.clear_cookies()
    manager = page.context.new_page()
    _as(manager, workflow.manager)
    manager.goto(f"{workflow.base}/#/needs/{workflow.needs['extra_0']}")
    expect(manager.locator("#need-title .status")).to_have_attribute("data-status", "OPEN")
    assert _moves(manager, "#need-moves") == ["IN_DOCKING", "MET", "WITHDRAWN", "EXPIRED"]
    manager.locator('#need-moves button.move[data-to="IN_DOCKING"]').click()
    expect(manager.locator("#need-title .status")).to_have_attribute("data-status", "IN_DOCKING")
    assert _moves(manager, "#need-moves") == ["OPEN", "MET", "WITHDRAWN", "EXPIRED"]
    manager.locator('#need-moves button.move[data-to="MET"]').click()
    expect(manager.locator("#need-title .status")).to_have_attribute("data-status", "MET")
    steps = manager.locator("#need-history > li").evaluate_all("els => els.map((e) => e.dataset.to)")
    assert steps == ["OPEN", "IN_DOCKING", "MET"]
    manager.close()


def test_an_enterprise_edits_its_need_from_its_page(page: Page, workflow: Workflow) -> None:
    _as(page, workflow.enterprise)
    page.goto(f"{workflow.base}/#/needs/{workflow.needs['own_docking']}")
    expect(page.locator("#need-title .status")).to_have_attribute("data-status", "IN_DOCKING")
    page.locator("#need-edit summary").click()
    expect(page.locator("#edit-text")).to_have_value("功率器件可靠性测试")
    expect(page.locator("#edit-budget-max")).to_have_value("80")  # the form opens as the need stands
    page.locator("#edit-text").fill("功率器件高温可靠性测试")
    page.locator("#edit-budget-max").fill("120")
    page.locator("#edit-note").fill("增加高温项目")
    page.locator("#edit-need button[type=submit]").click()
    expect(page.locator("p.need-text")).to_have_text("功率器件高温可靠性测试")
    expect(page.locator("#need-title .status")).to_have_attribute("data-status", "IN_DOCKING")
    last = page.locator("#need-history > li").last
    expect(last).to_contain_text("修改：需求描述、预算上限")
    expect(last).to_contain_text("增加高温项目")
    stored = workflow.graphql(
        "query($id: String!) { techNeed(id: $id) { text budgetMax } }", {"id": workflow.needs["own_docking"]}
    )
    assert stored["techNeed"] == {"text": "功率器件高温可靠性测试", "budgetMax": 120.0}
    _shot(page, "need-edited")


def test_an_analyst_reads_the_workflow_and_is_offered_no_move(page: Page, workflow: Workflow) -> None:
    _as(page, workflow.analyst)
    page.goto(f"{workflow.base}/#/needs/{workflow.needs['other_open']}")
    expect(page.locator("#need-title")).to_have_attribute("data-id", workflow.needs["other_open"])
    expect(page.locator("#need-moves")).to_have_text("此令牌只能查看，不能变更状态")
    expect(page.locator("#need-moves button")).to_have_count(0)
    expect(page.locator("#need-candidates")).to_have_count(0)
    expect(page.locator("#need-edit")).to_have_count(0)
    expect(page.locator('a[href="#/queue"]').last).to_be_visible()

    page.goto(f"{workflow.base}/#/introductions/{workflow.intros['contacted']}")
    expect(page.locator("#intro-title")).to_have_attribute("data-status", "CONTACTED")
    expect(page.locator("#intro-timeline > li")).to_have_count(2)
    expect(page.locator("#intro-moves")).to_have_count(0)

    page.goto(f"{workflow.base}/#/queue")
    expect(page.locator("#queue > li").first).to_be_visible()
    expect(page.locator("#queue button.propose")).to_have_count(0)
    _shot(page, "analyst-queue")


def test_a_failed_answer_ends_in_a_message_with_a_retry(page: Page, workflow: Workflow) -> None:
    _as(page, workflow.manager)
    failing = {"on": True}

    def answer(route: Route) -> None:
        if failing["on"] and route.request.post_data and "ExplorerNeedQueue" in route.request.post_data:
            route.fulfill(status=500, body="upstream failure", content_type="text/plain")
        else:
            route.continue_()

    page.route("**/graphql", answer)
    page.goto(f"{workflow.base}/#/queue?region=成都市")
    expect(page.locator("#error")).to_contain_text("500")
    expect(page.locator("#error")).to_contain_text("请稍后重试")
    expect(page.locator("#error-retry")).to_be_visible()
    assert page.locator(".loading").count() == 0, "nothing is left on '…'"
    failing["on"] = False
    page.locator("#error-retry").click()
    expect(page.locator("#queue > li.need-card").first).to_be_visible()
    expect(page.locator("#error")).to_be_hidden()
