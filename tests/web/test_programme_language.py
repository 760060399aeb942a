"""Each programme view switched to English shows no Chinese in its own words (headings, form
labels, table headers, kinds and verdicts), and switched back shows no English words or raw
codes. Names from the data (Chinese in the demo) sit in .entity-link or .name and are skipped."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import ARTEFACTS, RecordedPage, Service

VIEWS = [
    ("event", "region=成都市&count=4&rounds=2", "#schedule"),
    ("team", "region=成都市&size=3", "#team-members"),
    ("expand", "programme=programme:kechuang-partner&count=3", "#expand-picks"),
    ("talent", "chain=chain:ic", "#talent-map"),
    ("workstations", "region=成都市", "#stations"),
]

# The page's own words: headings, labels, legends, table headers, buttons, figures, kinds, chips.
OWN_WORDS = """() => {
  const panel = document.getElementById("panel");
  const picked = panel.querySelectorAll(
    "h2, h3, h4, th, dt, legend, summary, button:not(.option), a.button, .programme-menu a, "
    + ".pg-field > span, .pg-kinds label, .kind-badge, .chip, option[value='']");
  const texts = [];
  for (const el of picked) {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".entity-link, .name, select").forEach((n) => n.remove());
    if (copy.matches(".name, .entity-link")) continue;
    const text = copy.textContent.replace(/\\s+/g, " ").trim();
    if (text) texts.push(`${el.tagName.toLowerCase()}.${el.className}: ${text}`);
  }
  // Attributes a reader hears or sees; a remove button's label names its entity, so it is left out.
  for (const el of panel.querySelectorAll("[placeholder], nav[aria-label], canvas[aria-label]")) {
    for (const attr of ["placeholder", "aria-label"]) {
      const value = el.getAttribute(attr);
      if (value) texts.push(`${el.tagName.toLowerCase()}[${attr}]: ${value}`);
    }
  }
  return texts;
}"""

HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")
# English words or codes: three Latin letters or more (ACADEMICIAN, ServiceAgency, Show).
LATIN = re.compile(r"[A-Za-z]{3,}")


def _switch(page: Page, ready: str, lang: str) -> None:
    page.locator("#lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    # The toggle re-renders the view at once ("…" first), so this waits for the new render.
    expect(page.locator(ready)).to_be_visible()
    expect(page.locator("#panel .loading")).to_have_count(0)


@pytest.mark.parametrize(("view", "query", "ready"), VIEWS, ids=[v[0] for v in VIEWS])
def test_programme_view_in_each_language(
    recorded: RecordedPage, service: Service, view: str, query: str, ready: str
) -> None:
    page = recorded.page
    page.goto(f"{service.base}/#/programmes/{view}?{query}")
    expect(page.locator(ready)).to_be_visible()

    _switch(page, ready, "en")
    english = page.evaluate(OWN_WORDS)
    assert len(english) > 10, english
    chinese_left = [text for text in english if HAN.search(text.partition(": ")[2])]
    assert not chinese_left, chinese_left
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"programme-{view}-en.png"))

    _switch(page, ready, "zh-CN")
    chinese = page.evaluate(OWN_WORDS)
    english_left = [text for text in chinese if LATIN.search(text.partition(": ")[2])]
    assert not english_left, english_left
