// Ranked partners with a bar per score component and their reasons; the four-party team view.
import { gql } from "../api.js";
import { entityLink, h, kindBadge, loading } from "../dom.js";
import { componentName, reasonText, t } from "../i18n.js";
import { RECOMMEND, TEAM, entitiesByUid } from "../queries.js";

const NAME_BATCH = 15; // below the service's alias limit

function bar(value, label) {
  const pct = Math.max(0, Math.min(1, value)) * 100;
  return h(
    "span",
    { class: "bar", role: "img", "aria-label": `${label} ${value.toFixed(2)}` },
    h("span", { class: "bar-fill", style: `width:${pct.toFixed(1)}%` }),
  );
}

function componentsTable(components) {
  const table = h("table", { class: "components" });
  for (const c of components) {
    table.append(
      h(
        "tr",
        { "data-component": c.name },
        h("th", { scope: "row" }, componentName(c.name)),
        h("td", {}, bar(c.score, componentName(c.name))),
        h("td", { class: "num" }, c.score.toFixed(2)),
        h("td", { class: "num weight" }, `${t("weight")} ${c.weight.toFixed(2)}`),
      ),
    );
  }
  return table;
}

function reasonsList(reasons) {
  const list = h("ul", { class: "reasons" });
  for (const r of reasons) list.append(h("li", { "data-component": r.component }, h("span", { class: "tag" }, componentName(r.component)), reasonText(r)));
  return list;
}

// Names of uids the drawing lacks, a few aliased entity() lookups per round trip.
async function fetchMissing(app, uids) {
  const missing = [...new Set(uids)].filter((uid) => !app.graph.has(uid));
  const found = [];
  for (let i = 0; i < missing.length; i += NAME_BATCH) {
    const chunk = missing.slice(i, i + NAME_BATCH);
    const variables = Object.fromEntries(chunk.map((uid, j) => [`u${j}`, uid]));
    const data = await gql(entitiesByUid(chunk.length), variables);
    for (const value of Object.values(data)) if (value) found.push({ ...value, depth: 2 });
  }
  return found;
}

// Draw and highlight the evidence behind some reasons; ties without a relationship are drawn dashed.
export async function showEvidence(app, reasons, around, extraUids = []) {
  const uids = new Set(extraUids);
  const edges = [];
  for (const reason of reasons) {
    for (const path of reason.evidence) {
      path.nodes.forEach((uid) => uids.add(uid));
      if (path.edges.length) edges.push(...path.edges);
      else for (let i = 0; i + 1 < path.nodes.length; i += 1) edges.push({ source: path.nodes[i], target: path.nodes[i + 1], type: "EVIDENCE", virtual: true });
    }
  }
  const nodes = await fetchMissing(app, [...uids]);
  if (app.graph.addGraph(nodes, edges, around) > 0) app.graph.relayout();
  app.graph.highlight([...uids], edges);
}

function drawCandidates(app, entity, partners) {
  const nodes = [{ ...entity, depth: 0 }, ...partners.map((p) => ({ ...p, depth: 1 }))];
  const edges = partners.map((p) => ({ source: entity.uid, target: p.uid, type: "RECOMMENDED", virtual: true }));
  app.graph.setGraph(nodes, edges, { center: entity.uid });
}

function selectable(card, list, onSelect) {
  const button = h("button", { type: "button", class: "small", "aria-pressed": "false" }, card.dataset.selectLabel);
  button.addEventListener("click", async () => {
    list.querySelectorAll("[aria-pressed=true]").forEach((b) => b.setAttribute("aria-pressed", "false"));
    list.querySelectorAll(".card.selected").forEach((c) => c.classList.remove("selected"));
    button.setAttribute("aria-pressed", "true");
    card.classList.add("selected");
    await onSelect();
  });
  return button;
}

export async function renderRecommend(app, entity, body) {
  const gen = app.generation;
  loading(body);
  const data = await app.guard(() => gql(RECOMMEND, { uid: entity.uid }));
  if (!data || gen !== app.generation) return;
  const recs = data.recommendPartners;
  body.replaceChildren(h("h3", {}, t("recommendHeading")));
  if (!recs.length) {
    body.append(h("p", {}, t("recommendNone")));
    app.graph.setGraph([{ ...entity, depth: 0 }], [], { center: entity.uid });
    return;
  }
  drawCandidates(app, entity, recs.map((r) => r.partner));
  const list = h("ol", { class: "cards recommendations" });
  recs.forEach((rec) => {
    const card = h("li", { class: "card", "data-uid": rec.partner.uid, dataset: { selectLabel: t("showEvidence") } });
    card.append(
      h("div", { class: "card-head" }, entityLink(rec.partner), kindBadge(rec.partner.kind), rec.existing ? h("span", { class: "tag" }, t("existing")) : null),
      h("div", { class: "total" }, h("span", {}, `${t("score")} ${rec.score.toFixed(2)}`), bar(rec.score, t("score"))),
      componentsTable(rec.components),
      h("h4", {}, t("reasons")),
      reasonsList(rec.reasons),
    );
    card.append(selectable(card, list, () => app.guard(() => showEvidence(app, rec.reasons, rec.partner.uid, [entity.uid, rec.partner.uid]))));
    list.append(card);
  });
  body.append(list);
}

export async function renderTeam(app, entity, body) {
  const gen = app.generation;
  loading(body);
  const data = await app.guard(() => gql(TEAM, { uid: entity.uid }));
  if (!data || gen !== app.generation) return;
  const teams = data.recommendTeam;
  body.replaceChildren(h("h3", {}, t("teamHeading")));
  if (!teams.length) {
    body.append(h("p", {}, t("teamNone")));
    app.graph.setGraph([{ ...entity, depth: 0 }], [], { center: entity.uid });
    return;
  }
  const partners = new Map();
  for (const team of teams) for (const m of team.members) partners.set(m.partner.uid, m.partner);
  drawCandidates(app, entity, [...partners.values()]);
  const list = h("ol", { class: "cards teams" });
  teams.forEach((team, i) => {
    const card = h("li", { class: "card team", dataset: { selectLabel: t("showTeam") } });
    const members = h("ul", { class: "members" });
    for (const m of team.members) {
      members.append(
        h("li", {}, entityLink(m.partner), kindBadge(m.partner.kind), bar(m.score, t("score")), h("span", { class: "num" }, m.score.toFixed(2)), reasonsList(m.reasons.slice(0, 2))),
      );
    }
    card.append(
      h("div", { class: "card-head" }, h("strong", {}, `${t("team")} ${i + 1}`)),
      h("div", { class: "total" }, h("span", {}, `${t("score")} ${team.score.toFixed(2)}`), bar(team.score, t("score"))),
      h("div", { class: "total" }, h("span", {}, `${t("cohesion")} ${(team.cohesion * 100).toFixed(0)}%`), bar(team.cohesion, t("cohesion"))),
      h("h4", {}, t("members")),
      members,
      team.reasons.length ? h("h4", {}, t("reasons")) : null,
      team.reasons.length ? reasonsList(team.reasons) : null,
    );
    const memberUids = team.members.map((m) => m.partner.uid);
    const allReasons = [...team.reasons, ...team.members.flatMap((m) => m.reasons)];
    card.append(selectable(card, list, () => app.guard(() => showEvidence(app, allReasons, entity.uid, [entity.uid, ...memberUids]))));
    list.append(card);
  });
  body.append(list);
}
