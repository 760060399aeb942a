"""The programme views (issue 19) show what the GraphQL answer says, for the same arguments."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.web.conftest import ARTEFACTS, RecordedPage, Service


def _num(x: float) -> str:
    """As the page's num(): whole numbers bare, others to two places."""
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def _shot(page: RecordedPage, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(ARTEFACTS / f"{name}.png"))


def test_service_team_members_and_coverage(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/team?region=成都市&size=3")
    team = service.graphql(
        '{ formServiceTeam(size: 3, region: "成都市") { covered total members { expert { uid } gain } '
        "uncovered { weight } } }"
    )["formServiceTeam"]
    cards = page.locator("#team-members > li")
    expect(cards).to_have_count(len(team["members"]))
    assert [cards.nth(i).get_attribute("data-uid") for i in range(len(team["members"]))] == [
        m["expert"]["uid"] for m in team["members"]
    ]
    assert [float(cards.nth(i).get_attribute("data-gain") or "nan") for i in range(len(team["members"]))] == [
        m["gain"] for m in team["members"]
    ]
    expect(page.locator("#team-uncovered")).to_have_attribute("data-count", str(len(team["uncovered"])))
    covered = page.locator('[data-figure="covered"] dd').inner_text()
    assert covered == f"{_num(team['covered'])} / {_num(team['total'])}"
    _shot(recorded, "programme-team")


def test_partner_expansion_reach_and_picks(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/expand?programme=programme:kechuang-partner&count=4")
    result = service.graphql(
        '{ expandPartnerProgramme(programme: "programme:kechuang-partner", count: 4) { before { '
        "segments fields districts } after { segments fields districts } picks { entity { uid } gain } } }"
    )["expandPartnerProgramme"]
    picks = page.locator("#expand-picks > li")
    expect(picks).to_have_count(len(result["picks"]))
    gains = [float(picks.nth(i).get_attribute("data-gain") or "nan") for i in range(len(result["picks"]))]
    assert gains == [p["gain"] for p in result["picks"]]
    for key in ("segments", "fields", "districts"):
        row = page.locator(f'#reach-table tr[data-reach="{key}"]')
        assert row.locator(".before").inner_text() == str(result["before"][key])
        assert row.locator(".after").inner_text() == str(result["after"][key])
    _shot(recorded, "programme-expand")


def test_talent_heat_map_cells_and_flags(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/talent?chain=chain:ic")
    answer = service.graphql(
        '{ talentMap(chain: "chain:ic") { mostlyOutside segments { uid places { place counts { total } } } } }'
    )["talentMap"]
    expect(page.locator("#talent-map tbody tr")).to_have_count(len(answer["segments"]))
    for segment in answer["segments"]:
        row = page.locator(f'#talent-map tr[data-segment="{segment["uid"]}"]')
        for place in segment["places"]:
            assert row.locator(f'td[data-place="{place["place"]}"]').get_attribute("data-total") == str(
                place["counts"]["total"]
            )
    expect(page.locator("#talent-map tr.mostly-outside")).to_have_count(len(answer["mostlyOutside"]))
    _shot(recorded, "programme-talent")


def test_workstation_verdicts_and_candidates(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/workstations?region=成都市")
    review = service.graphql(
        '{ reviewWorkstations(region: "成都市") { verdicts { renew } stations { uid verdict score } '
        "candidates { uid } } }"
    )["reviewWorkstations"]
    stations = page.locator("#stations > li")
    expect(stations).to_have_count(len(review["stations"]))
    shown = [
        (stations.nth(i).get_attribute("data-uid"), stations.nth(i).get_attribute("data-verdict"))
        for i in range(len(review["stations"]))
    ]
    assert shown == [(s["uid"], s["verdict"]) for s in review["stations"]]
    assert page.locator('[data-figure="renew"] dd').inner_text() == str(review["verdicts"]["renew"])
    expect(page.locator("#candidates > li")).to_have_count(len(review["candidates"]))
    _shot(recorded, "programme-workstations")


def test_event_schedule_grid(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/event?region=成都市&count=6&rounds=3")
    ents = service.graphql(
        '{ entities(kind: ENTERPRISE, where: {region: "成都市"}, orderBy: NAME, first: 6) { edges { node { uid } } } }'
    )["entities"]["edges"]
    uids = [e["node"]["uid"] for e in ents]
    plan = service.graphql(
        "query($e: [String!]!) { planMatchmakingEvent(enterprises: $e, rounds: 3) { totalScore "
        "meetings { round table score } } }",
        {"e": uids},
    )["planMatchmakingEvent"]
    # A row per table (its partner keeps it every round), a column per round.
    expect(page.locator("#schedule thead th[data-round]")).to_have_count(3)
    expect(page.locator("#schedule tbody tr")).to_have_count(len({m["table"] for m in plan["meetings"]}))
    expect(page.locator("#enterprises-chosen li[data-uid]")).to_have_count(len(uids))
    assert page.locator("#event-plan").get_attribute("data-enterprises") == ",".join(uids)
    cells = page.locator("#schedule td.meeting")
    expect(cells).to_have_count(len(plan["meetings"]))
    for m in plan["meetings"]:
        cell = page.locator(f'#schedule td[data-round="{m["round"]}"][data-table="{m["table"]}"]')
        assert float(cell.get_attribute("data-score") or "nan") == m["score"]
    assert page.locator('[data-figure="totalScore"] dd').inner_text() == _num(plan["totalScore"])
    _shot(recorded, "programme-event")
