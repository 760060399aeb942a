// The programme views' shared parts: the sub-menu, the pickers (regions, parks, chains,
// programmes, kinds), the URL that keeps what was asked, and what a refused request shows.
import { ApiError, gql } from "../api.js";
import { h } from "../dom.js";
import { bilingual, entityName, fill, kindName, t } from "../i18n.js";
import { CHAINS, PARKS, PROGRAMMES, REGIONS, entitiesByUid } from "../queries.js";

export const PROGRAMME_VIEWS = [
  ["event", "pgEvent"],
  ["team", "pgTeam"],
  ["expand", "pgExpand"],
  ["talent", "pgTalent"],
  ["workstations", "pgWorkstations"],
];

// The kinds the recommender offers as partners (services/match/ranking.py PARTNER_KINDS).
export const PARTNER_KINDS = ["SCIENTIST", "SOCIETY", "WORKSTATION", "INVESTOR", "SERVICE_AGENCY", "INSTITUTION"];

export function programmeMenu(current) {
  const nav = h("nav", { class: "programme-menu", "aria-label": t("navProgrammes") });
  for (const [key, label] of PROGRAMME_VIEWS) {
    nav.append(
      h(
        "a",
        { href: `#/programmes/${key}`, "data-programme": key, "aria-current": key === current ? "page" : null },
        t(label),
      ),
    );
  }
  return nav;
}

const LISTS = { regions: REGIONS, parks: PARKS, chains: CHAINS, programmes: PROGRAMMES };
const cache = new Map();

// Picker lists change only with imports: asked once per page load.
export async function entityList(name) {
  if (!cache.has(name)) {
    const data = await gql(LISTS[name]);
    cache.set(
      name,
      data.entities.edges.map((e) => e.node),
    );
  }
  return cache.get(name);
}

const NAME_BATCH = 15; // below the service's alias limit

// The entities the URL names by uid, null for a uid nothing has.
export async function lookupEntities(uids) {
  const found = new Map();
  const wanted = [...new Set(uids)];
  for (let i = 0; i < wanted.length; i += NAME_BATCH) {
    const chunk = wanted.slice(i, i + NAME_BATCH);
    const data = await gql(entitiesByUid(chunk.length), Object.fromEntries(chunk.map((uid, j) => [`u${j}`, uid])));
    chunk.forEach((uid, j) => found.set(uid, data[`e${j}`] || null));
  }
  return found;
}

// A <select> over a list; regions are chosen by name (the service takes names), the rest by uid.
export function picker(id, items, selected, { byName = false, optional = true } = {}) {
  const select = h("select", { id, name: id });
  if (optional) select.append(h("option", { value: "" }, t("pgAny")));
  for (const item of items) {
    const value = byName ? item.name : item.uid;
    select.append(h("option", { value, selected: value === selected }, entityName(item)));
  }
  return select;
}

export function numberInput(id, value, min, max) {
  const shown = value === null || value === undefined || Number.isNaN(value) ? "" : String(value);
  return h("input", { id, name: id, type: "number", min: String(min), max: String(max), value: shown });
}

export function field(label, control) {
  return h("label", { class: "pg-field" }, h("span", {}, label), control);
}

// Checkboxes of kinds; the form leaves them out of the URL while they are the service's default.
export function kindBoxes(name, legend, kinds, checked, defaults) {
  const box = h("fieldset", { class: "pg-kinds", id: `${name}-kinds` }, h("legend", {}, legend));
  for (const kind of kinds) {
    const input = h("input", {
      type: "checkbox",
      name,
      value: kind,
      checked: checked.includes(kind),
      "data-default": defaults.includes(kind) ? "1" : null,
    });
    box.append(h("label", {}, input, kindName(kind)));
  }
  return box;
}

// The form's fields as the URL keeps them: lists comma-separated, empty fields left out.
export function formValues(form) {
  const values = {};
  const boxes = new Map();
  for (const el of form.querySelectorAll("input[name], select[name]")) {
    if (el.type === "checkbox") {
      if (!boxes.has(el.name)) boxes.set(el.name, []);
      boxes.get(el.name).push(el);
    } else if (el.value.trim()) values[el.name] = el.value.trim();
  }
  for (const [name, group] of boxes) {
    const on = group.filter((b) => b.checked).map((b) => b.value);
    const defaults = group.filter((b) => b.dataset.default).map((b) => b.value);
    const isDefault = on.length === defaults.length && on.every((v) => defaults.includes(v));
    if (on.length && !isDefault) values[name] = on.join(",");
  }
  return values;
}

// Commas and colons stay readable in the URL: enterprises=syn:ent:1,syn:ent:2.
export function programmeHash(view, values) {
  const q = new URLSearchParams();
  for (const [key, value] of values instanceof URLSearchParams ? values.entries() : Object.entries(values)) {
    const text = Array.isArray(value) ? value.join(",") : value === null || value === undefined ? "" : String(value);
    if (text) q.set(key, text);
  }
  const query = q.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
  return `#/programmes/${view}${query ? `?${query}` : ""}`;
}

// Submitting a form writes its non-empty fields into the hash; the route then renders from it.
export function programmeForm(view, controls) {
  const form = h(
    "form",
    { class: "programme-form", id: `pg-form-${view}` },
    ...controls,
    h("button", { type: "submit", class: "pg-submit" }, t("chainShow")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = programmeHash(view, formValues(form));
  });
  return form;
}

// A number from the URL: the fallback when absent, NaN when it is not a whole number.
export const intParam = (params, key, fallback) => {
  const raw = params.get(key);
  if (raw === null || raw.trim() === "") return fallback;
  return /^\s*-?\d+\s*$/.test(raw) ? Number.parseInt(raw, 10) : Number.NaN;
};

export const uidList = (params, key) => [
  ...new Set(
    (params.get(key) || "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean),
  ),
];

export function figure(key, label, value) {
  return h("div", { class: "figure", "data-figure": key }, h("dt", {}, label), h("dd", {}, String(value)));
}

// Two rings for the drawings (members or enterprises inside, what they serve or meet outside),
// spaced so the few names of the inner ring do not run into each other.
export const twoRings = (inner) => ({
  name: "concentric",
  concentric: (node) => (inner.has(node.id()) ? 2 : 1),
  levelWidth: () => 1,
  minNodeSpacing: 48,
  animate: false,
});

export const num = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

// The label the form shows for a URL parameter, so a message names it as the user sees it.
function labelOf(form, key) {
  const control = form && form.querySelector(`[name="${key}"]`);
  const holder =
    control &&
    (control.type === "checkbox" || control.type === "hidden"
      ? control.closest("fieldset")
      : control.closest("label, fieldset"));
  const text =
    holder &&
    (holder.querySelector(":scope > span") ||
      holder.querySelector(":scope > legend > .label") ||
      holder.querySelector(":scope > legend"));
  return text ? text.textContent : key;
}

// A refused request ends in what was wrong and a way on: the form above, a link without the
// offending parameter (or uids), and one back to the defaults. Nothing is left showing "…".
export function showProblem(place, message, { key = null, ways = [] } = {}) {
  const { body, view, params, form } = place;
  const links = [...ways];
  if (key && params.has(key)) {
    const rest = new URLSearchParams(params);
    rest.delete(key);
    links.push(
      h(
        "a",
        { href: programmeHash(view, rest), class: "drop-param", "data-param": key },
        fill("pgDropParam", { label: labelOf(form, key) }),
      ),
    );
    const control = form && form.querySelector(`[name="${key}"]`);
    const holder =
      control && (control.type === "hidden" || control.type === "checkbox" ? control.closest("fieldset") : control);
    if (holder) holder.setAttribute("aria-invalid", "true");
  }
  if (!links.some((a) => a.getAttribute("href") === `#/programmes/${view}`))
    links.push(h("a", { href: `#/programmes/${view}`, class: "reset" }, t("pgReset")));
  body.replaceChildren(
    h(
      "div",
      { class: "problem", role: "alert", id: "programme-problem", "data-param": key },
      h("p", {}, h("strong", {}, t("pgProblem")), message),
      h("p", { class: "note" }, t("pgProblemHint")),
      h(
        "ul",
        { class: "ways" },
        links.map((a) => h("li", {}, a)),
      ),
    ),
  );
}

// Without any uids that name nothing (or the wrong kind): the link a problem offers.
export function withoutUids(place, key, uids) {
  const rest = new URLSearchParams(place.params);
  const kept = uidList(place.params, key).filter((u) => !uids.includes(u));
  if (kept.length) rest.set(key, kept.join(","));
  else rest.delete(key);
  return h("a", { href: programmeHash(place.view, rest), class: "drop-uids", "data-param": key }, t("pgDropUids"));
}

// The first parameter that is not a whole number, as a problem.
export function badNumber(place, keys) {
  const key = keys.find((k) => Number.isNaN(intParam(place.params, k, 0)));
  if (!key) return false;
  showProblem(place, fill("pgNotInteger", { label: labelOf(place.form, key), value: place.params.get(key) }), { key });
  return true;
}

const ASKED = new Set(["INVALID_INPUT", "NOT_FOUND", "LIMIT_EXCEEDED", "GRAPHQL_VALIDATION_FAILED"]);

// Which parameter a message blames: named first ("rounds: …", "size must …") or quoted ('nope').
function blamed(params, err) {
  const problems = err.problems || [];
  for (const p of problems) if (params.has(p.field)) return p.field;
  const message = err.message;
  for (const key of params.keys()) if (new RegExp(`^${key}[\\s:：（(]`).test(message)) return key;
  for (const [key, value] of params.entries())
    if (message.includes(`'${value}'`) || message.includes(`「${value}」`)) return key;
  return null;
}

// The view's main request: a refusal of what was asked is shown in place (see showProblem);
// anything else (network, token, the service failing) goes to the page's error line.
export async function ask(app, place, work) {
  try {
    return await work();
  } catch (err) {
    refused(app, place, err);
    return null;
  }
}

export function refused(app, place, err) {
  if (!(err instanceof ApiError) || !ASKED.has(err.code)) {
    if (!(err instanceof ApiError)) console.error(err);
    app.showError(err);
    return;
  }
  showProblem(place, bilingual(err.message), { key: blamed(place.params, err) });
}
