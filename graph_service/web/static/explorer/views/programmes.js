// The programme views' shared parts: the sub-menu, the pickers (regions, parks, chains,
// programmes) and the URL that keeps what was asked.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { entityName, t } from "../i18n.js";
import { CHAINS, PARKS, PROGRAMMES, REGIONS } from "../queries.js";

export const PROGRAMME_VIEWS = [
  ["event", "pgEvent"],
  ["team", "pgTeam"],
  ["expand", "pgExpand"],
  ["talent", "pgTalent"],
  ["workstations", "pgWorkstations"],
];

export function programmeMenu(current) {
  const nav = h("nav", { class: "programme-menu", "aria-label": t("navProgrammes") });
  for (const [key, label] of PROGRAMME_VIEWS) {
    nav.append(h("a", { href: `#/programmes/${key}`, "data-programme": key, "aria-current": key === current ? "page" : null }, t(label)));
  }
  return nav;
}

const LISTS = { regions: REGIONS, parks: PARKS, chains: CHAINS, programmes: PROGRAMMES };
const cache = new Map();

// Picker lists change only with imports: asked once per page load.
export async function entityList(name) {
  if (!cache.has(name)) {
    const data = await gql(LISTS[name]);
    cache.set(name, data.entities.edges.map((e) => e.node));
  }
  return cache.get(name);
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
  return h("input", { id, name: id, type: "number", min: String(min), max: String(max), value: value === null || value === undefined ? "" : String(value) });
}

export function field(label, control) {
  return h("label", { class: "pg-field" }, h("span", {}, label), control);
}

// Submitting a form writes its non-empty fields into the hash; the route then renders from it.
export function programmeForm(view, controls) {
  const form = h("form", { class: "programme-form", id: `pg-form-${view}` }, ...controls, h("button", { type: "submit" }, t("chainShow")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    for (const el of form.querySelectorAll("input, select")) if (el.name && el.value.trim()) q.set(el.name, el.value.trim());
    const query = q.toString();
    location.hash = `#/programmes/${view}${query ? `?${query}` : ""}`;
  });
  return form;
}

export const intParam = (params, key, fallback) => {
  const raw = params.get(key);
  return raw === null || raw === "" ? fallback : Number.parseInt(raw, 10);
};

export function figure(key, label, value) {
  return h("div", { class: "figure", "data-figure": key }, h("dt", {}, label), h("dd", {}, String(value)));
}

export const num = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
