// Start-up, routing by the URL's hash, the search box, the token field and the language toggle.
import { ApiError, getToken, gql, setToken } from "./api.js";
import { GraphView } from "./graph.js";
import { getLang, kindName, loadVocabulary, relationName, setLang, t, translatePage, entityName } from "./i18n.js";
import { entityHref, entityLink, h } from "./dom.js";
import { NEIGHBORHOOD, SEARCH, STATS } from "./queries.js";
import { renderEntity } from "./views/entity.js";
import { renderPaths } from "./views/paths.js";
import { renderChain } from "./views/chain.js";
import { renderOverview } from "./views/overview.js";
import { renderKpis } from "./views/kpis.js";
import { renderEvent } from "./views/event.js";
import { renderServiceTeam } from "./views/service_team.js";
import { renderPartnerExpansion } from "./views/partner_expansion.js";
import { renderTalentMap } from "./views/talent_map.js";
import { renderWorkstations } from "./views/workstations.js";
import { renderQueue } from "./views/queue.js";
import { renderNeed } from "./views/need.js";
import { renderIntroduction } from "./views/introduction.js";
import { renderMine } from "./views/mine.js";

const PROGRAMMES = {
  event: renderEvent,
  team: renderServiceTeam,
  expand: renderPartnerExpansion,
  talent: renderTalentMap,
  workstations: renderWorkstations,
};

const $ = (id) => document.getElementById(id);

const app = {
  panel: $("panel"),
  nodeInfo: $("node-info"),
  graph: new GraphView($("graph"), $("graph-count"), $("legend-kinds"), $("legend-relations")),
  // Each view bumps this; an answer that arrives after the user moved on is dropped.
  generation: 0,
  showError(err) {
    const box = $("error");
    const message = err instanceof ApiError || err instanceof Error ? err.message : String(err);
    const code = err && err.code ? ` (${err.code})` : "";
    // Every error says what to do next: change what was asked, or try again.
    const asked =
      err && ["INVALID_INPUT", "NOT_FOUND", "LIMIT_EXCEEDED", "GRAPHQL_VALIDATION_FAILED"].includes(err.code);
    box.replaceChildren(
      h("span", {}, message + code),
      h("span", { class: "hint" }, asked ? t("errChangeInput") : t("errTryAgain")),
      h("button", { type: "button", class: "retry", id: "error-retry", onclick: () => route() }, t("retry")),
      h("button", { type: "button", class: "dismiss", onclick: () => app.clearError() }, t("dismiss")),
    );
    box.hidden = false;
    // A stale list of search results must not cover the message.
    $("search-results").hidden = true;
    // Nothing is left showing "…": a view whose loading failed says so where it was loading.
    for (const waiting of document.querySelectorAll(".loading")) {
      waiting.replaceWith(h("p", { class: "load-failed" }, t("loadFailed")));
    }
  },
  clearError() {
    $("error").hidden = true;
    $("error").replaceChildren();
  },
  // Run a view's loader and show any failure as a readable message, not a blank page.
  async guard(work) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      app.showError(err);
      return null;
    }
  },
};
// For the console and the end-to-end tests: the drawn graph.
window.explorer = app;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

async function route() {
  app.generation += 1;
  app.clearError();
  app.nodeInfo.hidden = true;
  const { parts, params } = parseHash();
  const view = parts[0] || "home";
  document.querySelectorAll("nav.views a[data-view]").forEach((a) => {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  if (view === "entity" && parts[1]) return renderEntity(app, parts[1], parts[2] || "graph", params);
  if (view === "paths") return renderPaths(app, params.get("from"), params.get("to"), Number(params.get("hops") || 4));
  if (view === "chain") return renderChain(app, parts[1] || null, params.get("region"));
  if (view === "overview") return renderOverview(app, params.get("regions"));
  if (view === "queue") return renderQueue(app, params);
  if (view === "needs" && parts[1]) return renderNeed(app, parts[1]);
  if (view === "introductions" && parts[1]) return renderIntroduction(app, parts[1]);
  if (view === "mine") return renderMine(app, params);
  if (view === "kpis") return renderKpis(app, params);
  if (view === "programmes") {
    app.expandHandler = null;
    return (PROGRAMMES[parts[1]] || renderEvent)(app, params);
  }
  return renderHome();
}

// Import templates offered on the home page: the kinds and ties 科协 staff record most.
const TEMPLATE_KINDS = [
  "Scientist",
  "Society",
  "Enterprise",
  "Park",
  "Investor",
  "ServiceAgency",
  "Institution",
  "Workstation",
  "Achievement",
];
const TEMPLATE_RELATIONS = [
  "MEMBER_OF",
  "AFFILIATED_WITH",
  "STATIONED_AT",
  "HOSTED_BY",
  "INVESTED_IN",
  "SERVES",
  "TRANSFERRED_TO",
  "IN_FIELD",
  "NEEDS",
];

function templateLinks() {
  const link = (name, label) => h("li", {}, h("a", { href: `/templates/${name}.xlsx`, download: "" }, label));
  return h(
    "section",
    { class: "templates" },
    h("h3", {}, t("templatesHeading")),
    h("p", {}, t("templatesIntro")),
    h(
      "ul",
      { class: "template-kinds" },
      TEMPLATE_KINDS.map((k) => link(k, kindName(k))),
    ),
    h(
      "ul",
      { class: "template-relations" },
      TEMPLATE_RELATIONS.map((r) => link(r, relationName(r))),
    ),
  );
}

async function renderHome() {
  const gen = app.generation;
  app.graph.clear();
  // The templates need nothing from the graph: shown even when the counts cannot be read.
  const templates = templateLinks();
  const workflow = h(
    "section",
    { class: "workflow-links" },
    h("h3", {}, t("wfHomeHeading")),
    h("p", {}, t("wfHomeIntro")),
    h(
      "ul",
      {},
      h("li", {}, h("a", { href: "#/queue" }, t("navQueue"))),
      h("li", {}, h("a", { href: "#/mine" }, t("navMine"))),
    ),
  );
  app.panel.replaceChildren(h("h2", {}, t("title")), h("p", {}, t("homeIntro")), workflow, templates);
  const data = await app.guard(() => gql(STATS));
  if (!data || gen !== app.generation) return;
  const s = data.stats;
  const list = h("ul", { class: "stats" });
  for (const c of s.byKind) list.append(h("li", {}, `${kindName(c.key)}：${c.total}`));
  workflow.before(
    h("h3", {}, t("statsHeading")),
    h("p", {}, `${t("entitiesTotal")} ${s.entities} · ${t("relationshipsTotal")} ${s.relationships}`),
    list,
  );
}

// Instant search: every keystroke, debounced; answers that arrive out of order are dropped.
function setUpSearch() {
  const input = $("search-input");
  const results = $("search-results");
  const status = $("search-status");
  let timer = 0;
  let asked = 0;
  // The message the search put up: an answer clears only that one, never the error of the
  // view beside it (a missing entity, say), which may have replaced it since.
  let shown = null;
  const close = () => {
    results.hidden = true;
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = input.value.trim();
      const ticket = ++asked;
      if ([...text].length < 2) {
        results.replaceChildren();
        close();
        status.textContent = text ? t("searchTooShort") : "";
        return;
      }
      let data;
      try {
        data = await gql(SEARCH, { text });
      } catch (err) {
        if (ticket === asked) {
          app.showError(err);
          shown = $("error").firstChild;
        }
        return;
      }
      if (ticket !== asked) return;
      if (shown && $("error").firstChild === shown) app.clearError();
      shown = null;
      results.replaceChildren();
      for (const hit of data.search) {
        const e = hit.entity;
        const link = entityLink(e, { class: "entity-link result", "data-uid": e.uid });
        link.append(h("span", { class: "meta" }, [kindName(e.kind), e.region].filter(Boolean).join(" · ")));
        // A near miss is offered as a suggestion, not passed off as what was typed.
        if (hit.matchedBy === "NEAR_MISS") link.prepend(h("span", { class: "did-you-mean" }, t("didYouMean")));
        link.addEventListener("click", close);
        results.append(h("li", { "data-matched": hit.matchedBy }, link));
      }
      if (!data.search.length) results.append(h("li", { class: "none" }, t("searchNone")));
      status.textContent = `${data.search.length} ${t("searchCount")}`;
      results.hidden = false;
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      const first = results.querySelector("a");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Enter") {
      const first = results.querySelector("a");
      if (first && !results.hidden) {
        event.preventDefault();
        first.click();
      }
    } else if (event.key === "Escape") close();
  });
  results.addEventListener("keydown", (event) => {
    const links = [...results.querySelectorAll("a")];
    const i = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i >= 0 && i < links.length - 1) {
      event.preventDefault();
      links[i + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (i > 0) links[i - 1].focus();
      else input.focus();
    } else if (event.key === "Escape") {
      close();
      input.focus();
    }
  });
  input.addEventListener("focus", () => {
    if (results.children.length) results.hidden = false;
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".search")) close();
  });
}

function setUpToken() {
  const input = $("token-input");
  input.value = getToken();
  input.addEventListener("change", () => {
    setToken(input.value.trim());
    route();
  });
  $("token-clear").addEventListener("click", () => {
    input.value = "";
    setToken("");
    route();
  });
}

function setUpLanguage() {
  const button = $("lang-toggle");
  const label = () => {
    // The button names the language it switches to, in that language.
    button.textContent = getLang() === "en" ? "中文" : "English";
    button.lang = getLang() === "en" ? "zh-CN" : "en";
  };
  label();
  button.addEventListener("click", () => {
    setLang(getLang() === "en" ? "zh" : "en");
    label();
    translatePage();
    app.graph.cy.nodes().forEach((n) => n.data("label", entityName(n.data())));
    app.graph.render();
    route();
  });
}

// Tapping a node expands it; the card beside the graph offers the same for the keyboard list.
app.graph.onTap = (node) => {
  app.expand(node.uid);
  if (node.more) return; // a "+N" marker only draws the rest of its kind
  const card = app.nodeInfo;
  card.replaceChildren(
    entityLink(node),
    h("span", { class: "meta" }, kindName(node.kind)),
    h("a", { href: entityHref(node.uid), class: "button" }, t("open")),
  );
  card.hidden = false;
};

// Views that keep a list in step with the graph set their own handler; elsewhere a node just grows.
const expandedHere = new Set();
app.expand = async (uid) => {
  if (app.expandHandler) return app.expandHandler(uid);
  const gen = app.generation;
  const key = `${gen}:${uid}`;
  if (expandedHere.has(key)) return 0;
  expandedHere.add(key);
  const data = await app.guard(() => gql(NEIGHBORHOOD, { uid, limit: 100 }));
  if (!data || gen !== app.generation) return 0;
  return app.graph.addGraph(data.neighborhood.nodes, data.neighborhood.edges, uid);
};

$("graph-fit").addEventListener("click", () => app.graph.fit());
translatePage();
setUpSearch();
setUpToken();
setUpLanguage();
window.addEventListener("hashchange", route);
loadVocabulary().then(route);
