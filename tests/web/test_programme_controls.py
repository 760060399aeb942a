"""The programme views' controls (issue 19): the event's exact enterprise list, its partners and
kinds, the service team's exclude / mustInclude / kinds, all kept in the URL, and what an
impossible request shows."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from playwright.sync_api import Page, expect

from tests.web.conftest import ARTEFACTS, RecordedPage, Service

PLAN = (
    "query($e: [String!]!, $r: Int!, $p: [String!], $k: [EntityKind!]) { planMatchmakingEvent(enterprises: $e, "
    "rounds: $r, partners: $p, kinds: $k) { meetings { round table score enterprise { uid } partner { uid kind } } } }"
)
TEAM = (
    'query($x: [String!], $m: [String!], $k: [EntityKind!]) { formServiceTeam(size: 3, region: "成都市", '
    "exclude: $x, mustInclude: $m, kinds: $k) { members { expert { uid kind } forced } } }"
)


def _shot(page: Page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"))


def _enterprises(service: Service, region: str, first: int) -> list[dict[str, Any]]:
    query = "query($r: String!, $n: Int!) { entities(kind: ENTERPRISE, where: {region: $r}, orderBy: NAME, first: $n) "
    query += "{ edges { node { uid name } } } }"
    return [e["node"] for e in service.graphql(query, {"r": region, "n": first})["entities"]["edges"]]


def _hash_param(page: Page, key: str) -> str | None:
    query = unquote(page.evaluate("location.hash")).partition("?")[2]
    values = dict(part.partition("=")[::2] for part in query.split("&") if part)
    return values.get(key)


def _meetings(page: Page) -> list[tuple[int, int, float, str, str]]:
    cells = page.locator("#schedule td.meeting")
    shown = []
    for i in range(cells.count()):
        cell = cells.nth(i)
        row = cell.locator("xpath=..")
        shown.append(
            (
                int(cell.get_attribute("data-round") or 0),
                int(cell.get_attribute("data-table") or 0),
                float(cell.get_attribute("data-score") or "nan"),
                cell.get_attribute("data-enterprise") or "",
                row.get_attribute("data-partner") or "",
            )
        )
    return sorted(shown)


def _expected(plan: dict[str, Any]) -> list[tuple[int, int, float, str, str]]:
    return sorted(
        (m["round"], m["table"], m["score"], m["enterprise"]["uid"], m["partner"]["uid"]) for m in plan["meetings"]
    )


def _stale(page: Page, body: str) -> None:
    """Mark the view's body, so a wait can tell the next render from this one."""
    page.locator(body).evaluate("el => { el.dataset.stale = '1'; }")


def _rendered(page: Page, body: str, ready: str) -> None:
    expect(page.locator(f"{body}[data-stale]")).to_have_count(0)
    expect(page.locator(f"{body} {ready}").first).to_be_visible()


def _pick(page: Page, name: str, text: str, uid: str) -> None:
    """Type into a chooser's search box and add the hit with this uid."""
    page.fill(f"#{name}-search", text)
    page.locator(f'#{name}-options button[data-uid="{uid}"]').click()
    expect(page.locator(f'#{name}-chosen li[data-uid="{uid}"]')).to_have_count(1)


def test_event_enterprises_added_and_removed_one_by_one(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    firms = _enterprises(service, "成都市", 6)
    outside = _enterprises(service, "重庆市", 1)[0]
    page.goto(f"{service.base}/#/programmes/event?region=成都市&count=4&rounds=2")
    chosen = page.locator("#enterprises-chosen li[data-uid]")
    expect(chosen).to_have_count(4)
    assert [chosen.nth(i).get_attribute("data-uid") for i in range(4)] == [f["uid"] for f in firms[:4]]
    expect(page.locator("#schedule")).to_be_visible()
    expect(page.locator("#event-edited")).to_be_hidden()

    # Remove the second, tick the sixth in the region's list, add one from another city by search.
    page.locator(f'#enterprises-chosen li[data-uid="{firms[1]["uid"]}"] button.remove').click()
    expect(page.locator("#event-edited")).to_be_visible()
    page.locator("#scope-enterprises summary").click()
    page.locator(f'#scope-enterprises li[data-uid="{firms[5]["uid"]}"] input').check()
    _pick(page, "enterprises", outside["name"], outside["uid"])
    # Unticking follows the chosen list both ways.
    expect(page.locator(f'#scope-enterprises li[data-uid="{firms[1]["uid"]}"] input')).not_to_be_checked()
    _shot(page, "programme-event-editing")
    _stale(page, "#event-body")
    page.locator("#pg-form-event button.pg-submit").click()
    _rendered(page, "#event-body", "#schedule")

    wanted = [firms[0]["uid"], firms[2]["uid"], firms[3]["uid"], firms[5]["uid"], outside["uid"]]
    expect(page.locator("#event-plan")).to_have_attribute("data-enterprises", ",".join(wanted))
    assert _hash_param(page, "enterprises") == ",".join(wanted)
    plan = service.graphql(PLAN, {"e": wanted, "r": 2})["planMatchmakingEvent"]
    assert _meetings(page) == _expected(plan)
    assert firms[1]["uid"] not in {m[3] for m in _meetings(page)}

    # The URL names the exact set: a reload shows the same list and the same plan.
    page.reload()
    _rendered(page, "#event-body", "#schedule")
    expect(page.locator("#event-plan")).to_have_attribute("data-enterprises", ",".join(wanted))
    expect(chosen).to_have_count(len(wanted))
    expect(page.locator("#rounds")).to_have_value("2")
    assert _meetings(page) == _expected(plan)
    _shot(page, "programme-event-picked")


def test_event_partner_kinds_and_given_partners(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    firms = [f["uid"] for f in _enterprises(service, "成都市", 3)]
    page.goto(f"{service.base}/#/programmes/event?enterprises={','.join(firms)}&rounds=2&kinds=INVESTOR")
    expect(page.locator("#event-plan")).to_be_visible()
    expect(page.locator("#kinds-kinds input:checked")).to_have_count(1)
    expect(page.locator('#kinds-kinds input[value="INVESTOR"]')).to_be_checked()
    plan = service.graphql(PLAN, {"e": firms, "r": 2, "k": ["INVESTOR"]})["planMatchmakingEvent"]
    assert {m["partner"]["kind"] for m in plan["meetings"]} == {"INVESTOR"}
    assert _meetings(page) == _expected(plan)

    # One investor named as the only partner: every meeting is at its table.
    investor = plan["meetings"][0]["partner"]["uid"]
    name = service.graphql("query($u: String!) { entity(uid: $u) { name } }", {"u": investor})["entity"]["name"]
    _pick(page, "partners", name, investor)
    _stale(page, "#event-body")
    page.locator("#pg-form-event button.pg-submit").click()
    _rendered(page, "#event-body", "#schedule")
    expect(page.locator("#schedule tbody tr")).to_have_count(1)
    assert _hash_param(page, "partners") == investor
    assert _hash_param(page, "kinds") == "INVESTOR"
    given = service.graphql(PLAN, {"e": firms, "r": 2, "p": [investor], "k": ["INVESTOR"]})["planMatchmakingEvent"]
    assert _meetings(page) == _expected(given)
    expect(page.locator("#schedule tbody tr")).to_have_attribute("data-partner", investor)
    _shot(page, "programme-event-partners")


def _members(page: Page) -> list[str]:
    cards = page.locator("#team-members > li")
    return [cards.nth(i).get_attribute("data-uid") or "" for i in range(cards.count())]


def _team(service: Service, **lists: list[str]) -> list[str]:
    team = service.graphql(TEAM, {key: value or None for key, value in lists.items()})["formServiceTeam"]
    return [m["expert"]["uid"] for m in team["members"]]


def test_team_exclude_and_must_include(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/team?region=成都市&size=3")
    first = _team(service)
    expect(page.locator("#team-members > li")).to_have_count(len(first))
    assert _members(page) == first

    # 排除 beside a member: the team is formed again without it.
    _stale(page, "#team-body")
    page.locator(f'#team-members li[data-uid="{first[0]}"] a.exclude').click()
    _rendered(page, "#team-body", "#team-members > li")
    assert _hash_param(page, "exclude") == first[0]
    assert _members(page) == _team(service, x=[first[0]])
    assert first[0] not in _members(page)
    expect(page.locator(f'#exclude-chosen li[data-uid="{first[0]}"]')).to_have_count(1)

    # A scientist from another city, required by search: chosen first, marked, in the URL.
    others = service.graphql(
        '{ entities(kind: SCIENTIST, where: {region: "重庆市"}, orderBy: NAME, first: 5) '
        "{ edges { node { uid name } } } }"
    )["entities"]["edges"]
    outsider = next(e["node"] for e in others if e["node"]["uid"] not in first)
    _pick(page, "mustInclude", outsider["name"], outsider["uid"])
    _stale(page, "#team-body")
    page.locator("#pg-form-team button.pg-submit").click()
    _rendered(page, "#team-body", "#team-members > li")
    expect(page.locator("#team-members > li").first).to_have_attribute("data-uid", outsider["uid"])
    expect(page.locator("#team-members > li").first).to_have_attribute("data-forced", "1")
    assert _hash_param(page, "mustInclude") == outsider["uid"]
    assert _hash_param(page, "exclude") == first[0]
    assert _members(page) == _team(service, x=[first[0]], m=[outsider["uid"]])
    _shot(page, "programme-team-controls")

    # 取消必选 drops the requirement and keeps the exclusion.
    _stale(page, "#team-body")
    page.locator(f'#team-members li[data-uid="{outsider["uid"]}"] a.keep').click()
    _rendered(page, "#team-body", "#team-members > li")
    expect(page.locator("#mustInclude-chosen li[data-uid]")).to_have_count(0)
    assert _hash_param(page, "mustInclude") is None
    assert _members(page) == _team(service, x=[first[0]])


def test_team_kinds_include_agencies(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/team?region=成都市&size=3")
    expect(page.locator("#team-members > li")).to_have_count(3)
    page.locator('#kinds-kinds input[value="SERVICE_AGENCY"]').check()
    _stale(page, "#team-body")
    page.locator("#pg-form-team button.pg-submit").click()
    _rendered(page, "#team-body", "#team-members > li")
    expect(page.locator('#kinds-kinds input[value="SERVICE_AGENCY"]')).to_be_checked()
    assert _hash_param(page, "kinds") == "SCIENTIST,SERVICE_AGENCY"
    assert _members(page) == _team(service, k=["SCIENTIST", "SERVICE_AGENCY"])


def _problem(page: Page, param: str | None = None) -> None:
    """A refusal said in place, with a way on, and nothing left waiting."""
    problem = page.locator("#programme-problem")
    expect(problem).to_be_visible()
    expect(problem.locator("a").first).to_be_visible()
    expect(page.locator("#panel .loading")).to_have_count(0)
    if param:
        expect(problem).to_have_attribute("data-param", param)


def test_impossible_requests_end_in_a_way_on(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    firm = _enterprises(service, "成都市", 1)[0]["uid"]

    page.goto(f"{service.base}/#/programmes/event?region=成都市&count=3&rounds=0")
    _problem(page, "rounds")
    expect(page.locator("#programme-problem")).to_contain_text("轮次")
    expect(page.locator("#rounds")).to_have_attribute("aria-invalid", "true")
    _shot(page, "programme-event-rounds-0")
    page.locator("#programme-problem a.drop-param").click()
    expect(page.locator("#schedule")).to_be_visible()
    assert _hash_param(page, "rounds") is None

    page.goto(f"{service.base}/#/programmes/event?enterprises=syn:nobody,{firm}&rounds=2")
    _problem(page)
    expect(page.locator("#programme-problem")).to_contain_text("syn:nobody")
    page.locator("#programme-problem a.drop-uids").click()
    expect(page.locator("#event-plan")).to_have_attribute("data-enterprises", firm)

    page.goto(f"{service.base}/#/programmes/event?region=成都市&count=lots")
    _problem(page, "count")

    page.goto(f"{service.base}/#/programmes/team?park=park:nowhere&size=3")
    _problem(page, "park")
    page.goto(f"{service.base}/#/programmes/team?region=成都市&size=3&exclude=syn:nobody")
    _problem(page)
    page.goto(f"{service.base}/#/programmes/expand?programme=programme:nowhere")
    _problem(page, "programme")
    page.goto(f"{service.base}/#/programmes/talent?chain=chain:nowhere")
    _problem(page, "chain")
    page.goto(f"{service.base}/#/programmes/workstations?region=火星")
    _problem(page, "region")
    page.locator("#programme-problem a.drop-param").click()
    expect(page.locator("#stations > li").first).to_be_visible()
