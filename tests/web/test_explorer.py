"""The explorer page end to end: real uvicorn, seed data, headless Chromium.

Screenshots of each view land in var/test-artefacts/explorer/.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, Route, expect

from tests.web.conftest import ARTEFACTS, RecordedPage, Service
from tests.web.test_programme_language import HAN

PARK = "park:chengdu-gaoxin"
GRAPH_SHOWN = 12  # views/entity.js: neighbours of one kind drawn before "+N"
CHAIN = "chain:ic"
NEIGHBORHOOD = """
query($uid: String!) { neighborhood(uid: $uid, depth: 1, limit: 100) { nodes { uid kind } } }"""


def _neighbours(service: Service, uid: str) -> set[str]:
    return {n["uid"] for n in service.graphql(NEIGHBORHOOD, {"uid": uid})["neighborhood"]["nodes"]}


def _drawn(page: Page) -> int:
    count: int = page.evaluate("window.explorer.graph.cy.nodes().length")
    return count


def _open(page: Page, service: Service, hash_: str = "") -> None:
    page.goto(f"{service.base}/{hash_}")
    expect(page.locator("#search-input")).to_be_visible()


def test_search_open_graph_and_expand(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service)
    page.locator("#search-input").fill("高新")
    first = page.locator("#search-results a").first
    expect(first).to_have_attribute("data-uid", PARK)
    first.click()

    expected = _neighbours(service, PARK)
    # Each kind draws its first 12 neighbours; the rest of a larger kind wait behind one "+N" node.
    kinds = Counter(
        n["kind"] for n in service.graphql(NEIGHBORHOOD, {"uid": PARK})["neighborhood"]["nodes"] if n["uid"] != PARK
    )
    first_drawn = 1 + sum(min(count, GRAPH_SHOWN) for count in kinds.values())
    crowded = {kind: count - GRAPH_SHOWN for kind, count in kinds.items() if count > GRAPH_SHOWN}
    assert crowded, "the park has a kind of more than 12 neighbours to fold"
    expect(page.locator("#graph-count")).to_have_attribute("data-nodes", str(first_drawn))
    markers = page.evaluate("window.explorer.graph.cy.nodes('.more').map((n) => [n.data('kind'), n.data('label')])")
    assert sorted(markers) == sorted([kind, f"+{rest}"] for kind, rest in crowded.items())
    expect(page.locator(".entity-title")).to_contain_text("成都高新区")
    page.screenshot(path=str(_artefact("entity")))
    # Tapping a "+N" draws the rest of its kind where it was.
    box = page.locator("#graph").bounding_box()
    assert box is not None
    for kind in crowded:
        pos: dict[str, float] = page.evaluate(
            "uid => window.explorer.graph.cy.getElementById(uid).renderedPosition()", f"more:{kind}"
        )
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    expect(page.locator("#graph-count")).to_have_attribute("data-nodes", str(len(expected)))
    assert _drawn(page) == len(expected), "every neighbour drawn, no marker left"
    expect(page.locator("#node-info")).to_be_hidden()  # a marker is no entity to open

    # The list groups the neighbours by kind, counted; a large group keeps the rest behind "+N".
    groups = page.locator(".neighbour-groups > .kind-group")
    expect(groups.first).to_be_visible()
    counts = [int(text.rsplit("(", 1)[1].rstrip(")")) for text in groups.locator("h4").all_inner_texts()]
    assert sum(counts) == len(expected) - 1
    assert counts == sorted(counts, reverse=True)
    big = groups.nth(0)
    if counts[0] > 8:
        expect(big.locator(".neighbour-list > li:visible")).to_have_count(8)
        big.locator("button.more").click()
        expect(big.locator(".neighbour-list > li:visible")).to_have_count(counts[0])
    # A crowded drawing labels only some nodes; pointing at a quiet one shows its label.
    if len(expected) > 30:
        quiet = page.evaluate("window.explorer.graph.cy.nodes('.quiet').length")
        assert 0 < quiet < len(expected)

    # Expand the first neighbour that brings something new, by clicking it where it is drawn.
    grow = next(uid for uid in sorted(expected - {PARK}) if _neighbours(service, uid) - expected)
    after = expected | _neighbours(service, grow)
    pos = page.evaluate("uid => window.explorer.graph.cy.getElementById(uid).renderedPosition()", grow)
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    expect(page.locator("#graph-count")).to_have_attribute("data-nodes", str(len(after)))
    assert len(after) > len(expected)
    expect(page.locator("#node-info")).to_be_visible()


def test_filters_and_legend(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service, f"#/entity/{PARK}")
    expect(page.locator("#graph-count")).not_to_have_attribute("data-nodes", "0")
    box = page.locator('#legend-kinds input[data-key="ENTERPRISE"]')
    expect(box).to_be_checked()
    hidden_before: int = page.evaluate("window.explorer.graph.cy.nodes('.filtered').length")
    box.uncheck()
    enterprises: int = page.evaluate("window.explorer.graph.cy.nodes('[kind = \"ENTERPRISE\"]').length")
    hidden_after: int = page.evaluate("window.explorer.graph.cy.nodes('.filtered').length")
    assert enterprises > 0
    assert hidden_after == hidden_before + enterprises
    expect(page.locator("#legend-relations input").first).to_be_visible()


def test_recommendations_with_reasons_and_evidence(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service, f"#/entity/{PARK}/recommend")
    cards = page.locator(".recommendations > .card")
    expect(cards.first).to_be_visible()
    expected = service.graphql(
        "query($u: String!) { recommendPartners(for: $u, first: 10) { partner { uid } } }", {"u": PARK}
    )
    assert cards.count() == len(expected["recommendPartners"])
    first = cards.first
    expect(first.locator(".reasons li").first).not_to_be_empty()
    expect(first.locator(".components tr")).not_to_have_count(0)
    first.get_by_role("button").click()
    page.wait_for_function("window.explorer.graph.cy.nodes('.hl').length > 1")
    page.screenshot(path=str(_artefact("recommendations")))


def test_team_view(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    uid = _enterprise_with_team(service)
    _open(page, service, f"#/entity/{uid}/team")
    card = page.locator(".teams > .card").first
    expect(card).to_be_visible()
    expect(card.locator(".members > li")).not_to_have_count(0)
    card.get_by_role("button").last.click()
    page.wait_for_function("window.explorer.graph.cy.nodes('.hl').length > 1")


def test_chain_heat_map_gaps_and_flows(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service, f"#/chain/{CHAIN}")
    report = service.graphql(
        "query($c: String!) { chainGaps(chain: $c) { scopeZh segments { uid gaps { kind } enterprises } } }",
        {"c": CHAIN},
    )["chainGaps"]
    # What was counted is said: the chain's own city, unless another region is asked for.
    expect(page.locator("#chain-scope")).to_have_text(report["scopeZh"])
    assert report["scopeZh"].startswith("按产业链所在地")
    rows = page.locator("#heatmap tbody tr")
    expect(rows).to_have_count(len(report["segments"]))
    for segment in report["segments"]:
        row = page.locator(f'#heatmap tr[data-segment="{segment["uid"]}"]')
        expect(row.locator("td.cell")).to_have_count(5)
    gaps = sum(len(s["gaps"]) for s in report["segments"])
    assert page.locator("#heatmap td.gap").count() >= (1 if gaps else 0)
    assert page.locator(".gap-list .recruits a").count() > 0 or not gaps
    page.screenshot(path=str(_artefact("chain")))

    # A segment with enterprises: its transfer chains drawn as flows.
    segment = next(s for s in report["segments"] if s["enterprises"])
    page.locator(f'#heatmap tr[data-segment="{segment["uid"]}"] button').click()
    expect(page.locator("#segment-flows h3")).to_be_visible()
    page.wait_for_function("window.explorer.graph.cy.nodes().length > 0")
    page.screenshot(path=str(_artefact("flows")))


def test_paths_between_two_entities(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    source, target = "society:chengdu-cast", "programme:kechuang-partner"
    _open(page, service, f"#/paths?from={source}&to={target}")
    expected = service.graphql(
        "query($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 4, first: 3) { length } }",
        {"a": source, "b": target},
    )["paths"]
    expect(page.locator(".paths > .card")).to_have_count(len(expected))
    page.wait_for_function("window.explorer.graph.cy.nodes('.hl').length > 1")
    page.screenshot(path=str(_artefact("paths")))

    # Read from the programme's side, its partner's tie points back: ←伙伴— not —伙伴→.
    _open(page, service, f"#/paths?from={target}&to={source}")
    first = service.graphql(
        "query($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 4, first: 1) "
        "{ nodes { uid } edges { source target } } }",
        {"a": target, "b": source},
    )["paths"][0]
    directions = [
        "forward" if edge["source"] == first["nodes"][i]["uid"] else "backward" for i, edge in enumerate(first["edges"])
    ]
    assert "backward" in directions
    ties = page.locator(".paths > .card").first.locator(".tie")
    expect(ties).to_have_count(len(directions))
    assert [ties.nth(i).get_attribute("data-direction") for i in range(len(directions))] == directions
    assert "←" in ties.nth(directions.index("backward")).inner_text()


def test_keyboard_search_and_open(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service)
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-input":
            break
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("高新")
    expect(page.locator("#search-results a").first).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.uid") == PARK
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{service.base}/#/entity/{PARK.replace(':', '%3A')}")
    expect(page.locator(".entity-title")).to_contain_text("成都高新区")


def test_main_controls_have_readable_contrast(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service, f"#/chain/{CHAIN}")
    expect(page.locator("#heatmap")).to_be_visible()
    ratios: list[dict[str, Any]] = page.evaluate(CONTRAST_JS)
    assert len(ratios) > 10
    low = [r for r in ratios if r["ratio"] < 4.5]
    assert not low, low


def test_language_toggle(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service)
    expect(page.locator("h1")).to_have_text("创新生态图谱")
    # Kind names in the home page's counts are translated, never the ontology's class names.
    counts = page.locator("ul.stats")
    expect(counts).to_contain_text("科技服务机构：")
    assert "ServiceAgency" not in counts.inner_text()
    # The import templates, named in words, download as Excel workbooks.
    template = page.locator('section.templates a[href="/templates/Workstation.xlsx"]')
    expect(template).to_have_text("工作站")
    expect(page.locator('section.templates a[href="/templates/INVESTED_IN.xlsx"]')).to_have_text("投资")
    answer = page.request.get(f"{service.base}/templates/Workstation.xlsx")
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert answer.body()[:2] == b"PK"
    page.locator("#lang-toggle").click()
    expect(page.locator("h1")).to_have_text("Ecosystem Graph")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("ul.stats")).to_contain_text("Service agency")
    expect(page.locator("section.templates h3")).to_have_text("Import templates")
    page.locator("#lang-toggle").click()
    expect(page.locator("h1")).to_have_text("创新生态图谱")


def test_token_header_and_readable_errors(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service)
    # A real token of the running service, made as an operator would make one.
    cli = [sys.executable, "-m", "graph_service.cli.main", "--data-dir", str(service.data_dir)]
    made = subprocess.run(
        [*cli, "token", "create", "--role", "analyst", "--name", "explorer test"],
        capture_output=True,
        text=True,
        check=True,
    )
    token = made.stdout.strip().splitlines()[-1]
    page.locator("#token-input").fill(token)
    page.locator("#token-input").press("Enter")
    page.locator("#token-input").blur()
    with page.expect_response(lambda r: r.url.endswith("/graphql")) as answered:
        page.locator("#search-input").fill("高新")
    assert answered.value.request.headers.get("authorization") == f"Bearer {token}"
    assert answered.value.status == 200
    assert page.evaluate("sessionStorage.getItem('ecosystem-graph.token')") == token

    # A wrong token is refused by the service (401) and the page says what to do.
    page.locator("#token-input").fill("egt_wrong_token")
    page.locator("#token-input").press("Enter")
    page.locator("#token-input").blur()
    page.locator("#search-input").fill("集成")
    expect(page.locator("#error")).to_contain_text("令牌")
    page.locator("#token-input").fill("")
    page.locator("#token-input").press("Enter")

    # A GraphQL error (no such entity) is shown, not a blank page, with a way on.
    page.goto(f"{service.base}/#/entity/no:such")
    expect(page.locator("#error")).to_contain_text("没有这个实体")
    expect(page.locator("#error-retry")).to_be_visible()
    assert page.locator(".loading").count() == 0, "nothing is left on '…'"

    # An invalid search says to change the input, and the old result list does not cover it.
    page.goto(f"{service.base}/")
    page.locator("#search-input").fill("高新")
    expect(page.locator("#search-results")).to_be_visible()
    page.locator("#search-input").fill("高" * 101)
    expect(page.locator("#error")).to_contain_text("请修改输入后再试")
    expect(page.locator("#search-results")).to_be_hidden()

    # A slip of one character is offered as a suggestion.
    page.locator("#search-input").fill("成都高兴区")
    suggestion = page.locator('#search-results li[data-matched="NEAR_MISS"]').first
    expect(suggestion).to_contain_text("您是否要找")
    expect(suggestion).to_contain_text("成都高新区")


def test_a_search_answer_clears_only_the_search_s_own_error(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service, "#/entity/no:such")
    expect(page.locator("#error")).to_contain_text("没有这个实体")
    # A search answered after the view failed leaves the view's message up: in a full-suite
    # run one did, and the missing entity's message vanished.
    page.locator("#search-input").fill("高新")
    expect(page.locator("#search-results")).to_be_visible()
    expect(page.locator("#error")).to_contain_text("没有这个实体")
    # The search's own error goes with its next answer.
    page.locator("#error .dismiss").click()
    page.locator("#search-input").fill("高" * 101)
    expect(page.locator("#error")).to_contain_text("搜索词过长")
    page.locator("#search-input").fill("天府")
    expect(page.locator("#search-results")).to_be_visible()
    expect(page.locator("#error")).to_be_hidden()


def test_graphiql_still_served(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service)
    page.locator('nav a[href="/graphql"]').click()
    expect(page.locator(".graphiql-container")).to_be_visible()


def _enterprise_with_team(service: Service) -> str:
    enterprises = service.graphql(
        "query { entities(kind: ENTERPRISE, where: {synthetic: false}, first: 20) { edges { node { uid } } } }"
    )["entities"]["edges"]
    for edge in enterprises:
        uid: str = edge["node"]["uid"]
        if service.graphql("query($u: String!) { recommendTeam(for: $u, first: 1) { score } }", {"u": uid})[
            "recommendTeam"
        ]:
            return uid
    raise AssertionError("no enterprise in the seed data has a team recommendation")


def _artefact(name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS / f"{name}.png"


# WCAG 2.x contrast of each main control's text against the first opaque background behind it.
CONTRAST_JS = """
() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const selector = "#search-input, #token-input, header button, header a, nav a, .chain-form button, "
    + ".chain-form select, .chain-form input, #heatmap td.cell, #heatmap th, #close-gaps, #graph-fit, "
    + "#recommend-controls button, #recommend-controls input, #need-understood .chip";
  return [...document.querySelectorAll(selector)].filter((el) => el.offsetParent !== null).map((el) => {
    const fg = lum(parse(getComputedStyle(el).color).slice(0, 3));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    return { control: el.id || el.className || el.tagName, text: el.textContent.trim().slice(0, 20), ratio };
  });
}
"""


def test_recorded_codes_are_shown_in_words(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service, "#/entity/workstation:chengdu-academician")
    kind = page.locator('dd[data-property="stationKind"]')
    expect(kind).to_have_text("院士（专家）工作站")
    page.locator("#lang-toggle").click()
    expect(page.locator('dd[data-property="stationKind"]')).to_have_text("Academician workstation")
    page.locator("#lang-toggle").click()
    with urllib.request.urlopen(f"{service.base}/vocabulary.json", timeout=30) as response:
        assert json.load(response)["stage"]["pre_ipo"] == ["拟上市", "Pre-IPO"]


def test_levels_stages_sizes_and_reasons_read_in_the_chosen_language(recorded: RecordedPage, service: Service) -> None:
    """Issue 18 item 5: every recorded code in words, Chinese or English, and reasons all English in English."""
    page = recorded.page
    with urllib.request.urlopen(f"{service.base}/vocabulary.json", timeout=30) as response:
        words = json.load(response)
    enterprises = service.graphql(
        "{ entities(kind: ENTERPRISE, first: 100) { edges { node { uid ... on Enterprise { stage size } } } } }"
    )["entities"]["edges"]
    enterprise = next(e["node"] for e in enterprises if e["node"]["stage"] and e["node"]["size"])
    levelled = "{ entities(kind: SOCIETY, first: 100) { edges { node { uid ... on Society { level } } } } }"
    societies = service.graphql(levelled)["entities"]["edges"]
    society = next(e["node"] for e in societies if e["node"]["level"])
    shown = [
        (enterprise["uid"], "stage", words["stage"][enterprise["stage"]]),
        (enterprise["uid"], "size", words["size"][enterprise["size"]]),
        (society["uid"], "level", words["level"][society["level"]]),
    ]
    for uid, key, (zh, en) in shown:
        _open(page, service, f"#/entity/{uid}")
        expect(page.locator(f'dd[data-property="{key}"]')).to_have_text(zh)
        page.locator("#lang-toggle").click()
        expect(page.locator(f'dd[data-property="{key}"]')).to_have_text(en)
        page.locator("#lang-toggle").click()
        expect(page.locator("html")).to_have_attribute("lang", "zh-CN")

    _open(page, service, f"#/entity/{enterprise['uid']}/recommend")
    reasons = page.locator(".recommendations .reasons > li")
    expect(reasons.first).to_be_visible()
    page.locator("#lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(reasons.first).to_be_visible()  # drawn again in English
    english = reasons.all_inner_texts()
    assert english, "the recommendations carry reasons"
    assert [text for text in english if HAN.search(text)] == [], "no Chinese in an English reason"


def test_partner_controls_need_kinds_region_and_weights_in_the_url(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    asker = "enterprise:sci-pop-group"
    _open(page, service, f"#/entity/{asker}/recommend")
    expect(page.locator("#recommend-controls")).to_be_visible()
    page.locator("#need-text").fill("需要电池管理系统专家")
    page.locator('#recommend-controls input[name="kind"][value="SCIENTIST"]').check()
    page.locator("#need-region").fill("成都")
    page.locator('#recommend-controls input[type="range"][name="topic"]').fill("0.9")
    page.locator("#recommend-ask").click()
    page.wait_for_function("location.hash.includes('need=')")
    hash_ = page.evaluate("decodeURIComponent(location.hash)")
    assert "need=需要电池管理系统专家" in hash_
    assert "kinds=SCIENTIST" in hash_
    assert "region=成都" in hash_
    assert "w.topic=0.9" in hash_
    # The words understood, and as which field.
    understood = page.locator("#need-understood .chip")
    expect(understood.first).to_be_visible()
    expected = service.graphql('query { understandNeed(text: "需要电池管理系统专家") { understood { field } } }')[
        "understandNeed"
    ]["understood"]
    assert understood.count() == len(expected)
    cards = page.locator(".recommendations > .card")
    expect(cards.first).to_be_visible()
    answer = service.graphql(
        """query { recommendPartners(for: "enterprise:sci-pop-group", need: {text: "需要电池管理系统专家"},
             kinds: [SCIENTIST], region: "成都", weights: {topic: 0.9}, first: 10) { partner { uid kind } } }"""
    )["recommendPartners"]
    assert answer
    assert {p["partner"]["kind"] for p in answer} == {"SCIENTIST"}
    assert [cards.nth(i).get_attribute("data-uid") for i in range(cards.count())] == [
        p["partner"]["uid"] for p in answer
    ]
    # Reloading the URL gives the same controls back.
    page.reload()
    expect(page.locator("#need-text")).to_have_value("需要电池管理系统专家")
    expect(page.locator('#recommend-controls input[name="kind"][value="SCIENTIST"]')).to_be_checked()
    page.screenshot(path=str(_artefact("partner-controls")))


# The counts managers report upward, each shown as a figure of the overview.
FIGURES = ("workstations", "partnerUnits", "societies5a", "enterpriseAssociations", "chainLeaders", "specialised")


def test_overview_of_two_regions_with_a_chart(recorded: RecordedPage, service: Service) -> None:
    page = recorded.page
    _open(page, service, "#/overview")
    expected = service.graphql(
        "{ regionOverview { region workstations partnerUnits societies5a enterpriseAssociations chainLeaders "
        "specialised chains { chain } } }"
    )["regionOverview"]
    sections = page.locator(".region-overview")
    expect(sections).to_have_count(2)
    assert [sections.nth(i).get_attribute("data-region") for i in range(2)] == ["成都市", "重庆市"]
    for i, region in enumerate(expected):
        section = sections.nth(i)
        for key in FIGURES:
            expect(section.locator(f'[data-figure="{key}"] dd')).to_have_text(str(region[key]))
        expect(section.locator(".chain-coverage tr[data-chain]")).to_have_count(len(region["chains"]))
    # The vendored chart library drew the transfers (no CDN: it is served by the service).
    assert page.evaluate("typeof window.Chart") == "function"
    drawn = page.evaluate("window.Chart.getChart(document.querySelector('canvas.transfers-chart')).data.labels.length")
    assert drawn > 0
    expect(page.locator('nav a[data-view="overview"]')).to_have_attribute("aria-current", "page")
    page.screenshot(path=str(_artefact("overview")))


def test_team_view_asks_for_a_need_fields_region_and_weights_kept_in_the_url(
    recorded: RecordedPage, service: Service
) -> None:
    page = recorded.page
    uid = _enterprise_with_team(service)
    need = "需要电池管理系统专家"
    [field] = service.graphql("{ entities(kind: FIELD, first: 1, orderBy: NAME) { edges { node { uid name } } } }")[
        "entities"
    ]["edges"]
    _open(page, service, f"#/entity/{uid}/team")
    expect(page.locator("#recommend-controls")).to_be_visible()
    # The four parties are fixed: no kinds to ask for; region and weights rank each role.
    expect(page.locator('#recommend-controls input[name="kind"]')).to_have_count(0)
    page.locator("#need-text").fill(need)
    page.locator("#need-region").fill("成都")
    page.locator('#recommend-controls input[type="range"][name="topic"]').fill("0.9")
    # The field picker offers the taxonomy by name and keeps the chosen field as a chip.
    page.locator("#need-field").fill(field["node"]["name"])
    page.locator("#need-field").dispatch_event("change")
    expect(page.locator(f'#chosen-fields .chip[data-field="{field["node"]["uid"]}"]')).to_be_visible()
    # The chosen field's chip, a button, reads as well as the other controls.
    low = [r for r in page.evaluate(CONTRAST_JS) if r["ratio"] < 4.5]
    assert not low, low
    page.locator("#recommend-ask").click()
    page.wait_for_function("location.hash.includes('need=')")
    hash_ = page.evaluate("decodeURIComponent(location.hash)")
    assert hash_.startswith(f"#/entity/{uid}/team?")
    assert f"need={need}" in hash_
    assert f"fields={field['node']['uid']}" in hash_
    assert "region=成都" in hash_
    assert "w.topic=0.9" in hash_
    expected = service.graphql('query { understandNeed(text: "需要电池管理系统专家") { understood { field } } }')[
        "understandNeed"
    ]["understood"]
    expect(page.locator("#need-understood .chip")).to_have_count(len(expected))
    teams = service.graphql(
        'query($u: String!, $n: NeedInput) { recommendTeam(for: $u, need: $n, region: "成都", '
        "weights: {topic: 0.9}, first: 3) { members { partner { uid } } } }",
        {"u": uid, "n": {"text": need, "fields": [field["node"]["uid"]]}},
    )["recommendTeam"]
    cards = page.locator(".teams > .card")
    expect(cards).to_have_count(len(teams))
    if teams:
        first = [m["partner"]["uid"] for m in teams[0]["members"]]
        links = cards.first.locator(".members > li > a.entity-link")
        hrefs = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
        assert [unquote(href.removeprefix("#/entity/")) for href in hrefs] == first
    # Reloading the URL gives the same need back.
    page.reload()
    expect(page.locator("#need-text")).to_have_value(need)
    expect(page.locator(f'#chosen-fields .chip[data-field="{field["node"]["uid"]}"]')).to_be_visible()
    expect(page.locator("#need-region")).to_have_value("成都")
    page.screenshot(path=str(_artefact("team-controls")))


# Each view's main question, failed once by the server: (the view's hash, the operation that fails).
FAILING_VIEWS = {
    "chain": (f"#/chain/{CHAIN}", "ExplorerChainGaps"),
    "paths": (f"#/paths?from={PARK}&to={CHAIN}", "ExplorerPaths"),
    "overview": ("#/overview", "ExplorerOverview"),
    "recommend": ("#/entity/{enterprise}/recommend", "ExplorerRecommend"),
    "team": ("#/entity/{enterprise}/team", "ExplorerTeam"),
}


@pytest.mark.parametrize("view", list(FAILING_VIEWS))
def test_every_view_ends_a_failed_answer_in_a_message_with_a_retry(
    recorded: RecordedPage, service: Service, view: str
) -> None:
    page = recorded.page
    hash_, operation = FAILING_VIEWS[view]
    hash_ = hash_.format(enterprise=_enterprise_with_team(service) if "{enterprise}" in hash_ else "")
    failing = {"on": True}

    def answer(route: Route) -> None:
        if failing["on"] and f"query {operation}" in (route.request.post_data or ""):
            route.fulfill(status=500, body="upstream failure", content_type="text/plain")
        else:
            route.continue_()

    page.route("**/graphql", answer)
    _open(page, service, hash_)
    expect(page.locator("#error")).to_contain_text("500")
    expect(page.locator("#error")).to_contain_text("请稍后重试")
    expect(page.locator("#error-retry")).to_be_visible()
    assert page.locator(".loading").count() == 0, "nothing is left on '…'"
    page.screenshot(path=str(_artefact(f"error-{view}")))
    failing["on"] = False
    with page.expect_response(lambda r: f"query {operation}" in (r.request.post_data or "")) as retried:
        page.locator("#error-retry").click()
    assert retried.value.status == 200, "the retry asked again and was answered"
    expect(page.locator("#error")).to_be_hidden()
