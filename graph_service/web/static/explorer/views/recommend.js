// Ranked partners with a bar per score component and their reasons; the four-party team view.
import { gql } from "../api.js";
import { entityLink, h, kindBadge, loading } from "../dom.js";
import { componentName, entityName, kindName, reasonText, t } from "../i18n.js";
import { FIELDS, RECOMMEND, TEAM, UNDERSTAND_NEED, entitiesByUid } from "../queries.js";

const PARTNER_KINDS = [
  "SCIENTIST",
  "INSTITUTION",
  "SERVICE_AGENCY",
  "INVESTOR",
  "ENTERPRISE",
  "WORKSTATION",
  "SOCIETY",
  "ACHIEVEMENT",
];
const COMPONENTS = ["topic", "network", "geography", "credibility", "stage", "complementarity"];

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
  for (const r of reasons)
    list.append(
      h(
        "li",
        { "data-component": r.component },
        h("span", { class: "tag" }, componentName(r.component)),
        reasonText(r),
      ),
    );
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
      else
        for (let i = 0; i + 1 < path.nodes.length; i += 1)
          edges.push({ source: path.nodes[i], target: path.nodes[i + 1], type: "EVIDENCE", virtual: true });
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

// What was asked, as the URL keeps it: need text, fields, kinds, region and weights.
function askedFrom(params) {
  const list = (key) => (params.get(key) || "").split(",").filter(Boolean);
  const weights = {};
  for (const c of COMPONENTS) if (params.has(`w.${c}`)) weights[c] = Number(params.get(`w.${c}`));
  return {
    text: params.get("need") || "",
    fields: list("fields"),
    kinds: list("kinds"),
    region: params.get("region") || "",
    weights,
  };
}

function askedHash(uid, asked, tab = "recommend") {
  const q = new URLSearchParams();
  if (asked.text) q.set("need", asked.text);
  if (asked.fields.length) q.set("fields", asked.fields.join(","));
  if (asked.kinds.length) q.set("kinds", asked.kinds.join(","));
  if (asked.region) q.set("region", asked.region);
  for (const [c, w] of Object.entries(asked.weights)) q.set(`w.${c}`, String(w));
  const query = q.toString();
  return `#/entity/${encodeURIComponent(uid)}/${tab}${query ? `?${query}` : ""}`;
}

function needOf(asked) {
  return asked.text || asked.fields.length
    ? { text: asked.text || null, fields: asked.fields.length ? asked.fields : null }
    : null;
}

function variablesOf(uid, asked) {
  const need = needOf(asked);
  return {
    uid,
    need,
    kinds: asked.kinds.length ? asked.kinds : null,
    region: asked.region || null,
    weights: Object.keys(asked.weights).length ? asked.weights : null,
  };
}

// The controls: a need in plain words, a field picker from the taxonomy, kinds, region and weights;
// the team view asks for all but the kinds (its four parties are fixed).
async function controls(app, entity, asked, tab = "recommend") {
  const partners = tab === "recommend";
  const form = h("form", { class: "recommend-controls", id: "recommend-controls" });
  const needBox = h("input", {
    type: "search",
    id: "need-text",
    value: asked.text,
    placeholder: t("needPlaceholder"),
    maxlength: "500",
  });
  const fieldList = h("datalist", { id: "field-options" });
  const fieldBox = h("input", {
    type: "text",
    id: "need-field",
    list: "field-options",
    placeholder: t("fieldPlaceholder"),
  });
  const chosen = h("span", { class: "chosen-fields", id: "chosen-fields" });
  const fieldsByName = new Map();
  const data = await app.guard(() => gql(FIELDS));
  for (const edge of data ? data.entities.edges : []) {
    const f = edge.node;
    fieldsByName.set(entityName(f), f.uid);
    fieldList.append(h("option", { value: entityName(f) }));
  }
  const namesByUid = new Map([...fieldsByName].map(([name, uid]) => [uid, name]));
  const fields = new Set(asked.fields);
  const showFields = () =>
    chosen.replaceChildren(
      ...[...fields].map((uid) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            "data-field": uid,
            onclick: () => {
              fields.delete(uid);
              showFields();
            },
          },
          `${namesByUid.get(uid) || uid} ×`,
        ),
      ),
    );
  showFields();
  fieldBox.addEventListener("change", () => {
    const uid = fieldsByName.get(fieldBox.value.trim());
    if (uid) fields.add(uid);
    fieldBox.value = "";
    showFields();
  });
  const kinds = h("fieldset", { class: "kinds" }, h("legend", {}, t("askKinds")));
  for (const kind of PARTNER_KINDS) {
    kinds.append(
      h(
        "label",
        {},
        h("input", { type: "checkbox", name: "kind", value: kind, checked: asked.kinds.includes(kind) }),
        kindName(kind),
      ),
    );
  }
  const region = h("input", { type: "text", id: "need-region", value: asked.region, placeholder: t("regionOptional") });
  const sliders = h("fieldset", { class: "weights" }, h("legend", {}, t("weights")));
  for (const c of COMPONENTS) {
    const on = c in asked.weights;
    const value = on ? asked.weights[c] : 0.5;
    const out = h("output", {}, on ? value.toFixed(2) : t("weightDefault"));
    const slider = h("input", {
      type: "range",
      min: "0",
      max: "1",
      step: "0.05",
      value: String(value),
      name: c,
      "data-set": on ? "1" : "",
    });
    slider.addEventListener("input", () => {
      slider.dataset.set = "1";
      out.textContent = Number(slider.value).toFixed(2);
    });
    sliders.append(h("label", {}, componentName(c), slider, out));
  }
  form.append(
    h("label", { for: "need-text" }, t("needLabel")),
    needBox,
    h("label", { for: "need-field" }, t("fieldLabel")),
    fieldBox,
    fieldList,
    chosen,
    ...(partners ? [kinds] : []),
    h("label", { for: "need-region" }, t("region")),
    region,
    sliders,
    h("button", { type: "submit", id: "recommend-ask" }, t("ask")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const weights = {};
    for (const slider of sliders.querySelectorAll("input[type=range]"))
      if (slider.dataset.set) weights[slider.name] = Number(slider.value);
    const next = {
      text: needBox.value.trim(),
      fields: [...fields],
      kinds: partners ? [...kinds.querySelectorAll("input:checked")].map((i) => i.value) : [],
      region: region.value.trim(),
      weights,
    };
    location.hash = askedHash(entity.uid, next, tab);
  });
  return form;
}

// Which words of the need were understood (and as which field), and which were not.
async function understanding(app, text) {
  const data = await app.guard(() => gql(UNDERSTAND_NEED, { text }));
  if (!data) return null;
  const u = data.understandNeed;
  const box = h("div", { class: "understood", id: "need-understood" });
  if (u.understood.length) {
    box.append(h("span", {}, t("understoodAs")));
    for (const w of u.understood)
      box.append(h("span", { class: "chip", "data-field": w.field }, `${w.word} → ${entityName(w)}`));
  }
  if (u.notUnderstood.length) {
    box.append(h("span", { class: "not-understood" }, `${t("notUnderstood")}${u.notUnderstood.join("、")}`));
  }
  return box;
}

export async function renderRecommend(app, entity, body, params = new URLSearchParams()) {
  const gen = app.generation;
  const asked = askedFrom(params);
  loading(body);
  const form = await controls(app, entity, asked);
  if (gen !== app.generation) return;
  const understood = asked.text ? await understanding(app, asked.text) : null;
  if (gen !== app.generation) return;
  const data = await app.guard(() => gql(RECOMMEND, variablesOf(entity.uid, asked)));
  if (gen !== app.generation) return;
  body.replaceChildren(h("h3", {}, t("recommendHeading")), form);
  if (understood) body.append(understood);
  if (!data) return;
  const recs = data.recommendPartners;
  if (!recs.length) {
    body.append(h("p", {}, t("recommendNone")));
    app.graph.setGraph([{ ...entity, depth: 0 }], [], { center: entity.uid });
    return;
  }
  drawCandidates(
    app,
    entity,
    recs.map((r) => r.partner),
  );
  const list = h("ol", { class: "cards recommendations" });
  recs.forEach((rec) => {
    const card = h("li", { class: "card", "data-uid": rec.partner.uid, dataset: { selectLabel: t("showEvidence") } });
    card.append(
      h(
        "div",
        { class: "card-head" },
        entityLink(rec.partner),
        kindBadge(rec.partner.kind),
        rec.existing ? h("span", { class: "tag" }, t("existing")) : null,
      ),
      h("div", { class: "total" }, h("span", {}, `${t("score")} ${rec.score.toFixed(2)}`), bar(rec.score, t("score"))),
      componentsTable(rec.components),
      h("h4", {}, t("reasons")),
      reasonsList(rec.reasons),
    );
    card.append(
      selectable(card, list, () =>
        app.guard(() => showEvidence(app, rec.reasons, rec.partner.uid, [entity.uid, rec.partner.uid])),
      ),
    );
    list.append(card);
  });
  body.append(list);
}

export async function renderTeam(app, entity, body, params = new URLSearchParams()) {
  const gen = app.generation;
  const asked = askedFrom(params);
  loading(body);
  const form = await controls(app, entity, asked, "team");
  if (gen !== app.generation) return;
  const understood = asked.text ? await understanding(app, asked.text) : null;
  if (gen !== app.generation) return;
  const { uid, need, region, weights } = variablesOf(entity.uid, asked);
  const data = await app.guard(() => gql(TEAM, { uid, need, region, weights }));
  if (gen !== app.generation) return;
  body.replaceChildren(h("h3", {}, t("teamHeading")), form);
  if (understood) body.append(understood);
  if (!data) return;
  const teams = data.recommendTeam;
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
        h(
          "li",
          {},
          entityLink(m.partner),
          kindBadge(m.partner.kind),
          bar(m.score, t("score")),
          h("span", { class: "num" }, m.score.toFixed(2)),
          reasonsList(m.reasons.slice(0, 2)),
        ),
      );
    }
    card.append(
      h("div", { class: "card-head" }, h("strong", {}, `${t("team")} ${i + 1}`)),
      h(
        "div",
        { class: "total" },
        h("span", {}, `${t("score")} ${team.score.toFixed(2)}`),
        bar(team.score, t("score")),
      ),
      h(
        "div",
        { class: "total" },
        h("span", {}, `${t("cohesion")} ${(team.cohesion * 100).toFixed(0)}%`),
        bar(team.cohesion, t("cohesion")),
      ),
      h("h4", {}, t("members")),
      members,
      team.reasons.length ? h("h4", {}, t("reasons")) : null,
      team.reasons.length ? reasonsList(team.reasons) : null,
    );
    const memberUids = team.members.map((m) => m.partner.uid);
    const allReasons = [...team.reasons, ...team.members.flatMap((m) => m.reasons)];
    card.append(
      selectable(card, list, () =>
        app.guard(() => showEvidence(app, allReasons, entity.uid, [entity.uid, ...memberUids])),
      ),
    );
    list.append(card);
  });
  body.append(list);
}
