// An entity page: details, its drawn neighbourhood (tap or press to expand), and tabs for the other views.
import { ApiError, gql } from "../api.js";
import { entityHref, entityLink, h, kindBadge, loading } from "../dom.js";
import { entityName, fieldLabel, kindName, relationName, t, valueName } from "../i18n.js";
import { ENTITY, NEIGHBORHOOD } from "../queries.js";
import { renderRecommend, renderTeam } from "./recommend.js";
import { renderTransfers } from "./transfers.js";

const NEIGHBOURHOOD_LIMIT = 100;
// Neighbours of one kind listed before the rest go behind "+N".
const GROUP_SHOWN = 8;
// Neighbours of one kind drawn before the rest go behind a "+N" node: 68 on one ring read as none.
const GRAPH_SHOWN = 12;
const COMMON = new Set([
  "uid",
  "kind",
  "name",
  "nameEn",
  "region",
  "aliases",
  "tags",
  "description",
  "source",
  "synthetic",
  "updatedAt",
  "__typename",
]);

const TABS = [
  ["graph", "tabGraph"],
  ["recommend", "tabRecommend"],
  ["team", "tabTeam"],
  ["transfers", "tabTransfers"],
];

function formatValue(value, key = "") {
  if (value === true) return t("yes");
  if (value === false) return t("no");
  if (Array.isArray(value)) return value.map((v) => valueName(key, v)).join("、");
  return typeof value === "string" ? valueName(key, value) : String(value);
}

function detailsList(entity) {
  const dl = h("dl", { class: "details" });
  const row = (label, value, key = "") => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.append(h("dt", {}, label), h("dd", { "data-property": key }, formatValue(value, key)));
  };
  row(t("fieldKind"), kindName(entity.kind));
  row(t("fieldUid"), entity.uid);
  row(t("fieldNameEn"), entity.nameEn);
  row(t("fieldRegion"), entity.region);
  row(t("fieldAliases"), entity.aliases);
  row(t("fieldTags"), entity.tags);
  row(t("fieldDescription"), entity.description);
  for (const [key, value] of Object.entries(entity)) if (!COMMON.has(key)) row(fieldLabel(key), value, key);
  row(t("fieldSource"), entity.source);
  if (entity.synthetic) row(t("fieldSynthetic"), true);
  return dl;
}

export async function renderEntity(app, uid, tab, params = new URLSearchParams()) {
  const gen = app.generation;
  loading(app.panel);
  const data = await app.guard(() => gql(ENTITY, { uid }));
  if (!data || gen !== app.generation) return;
  const entity = data.entity;
  if (!entity) {
    app.graph.clear();
    app.showError(new ApiError(`${t("errNotFound")}：${uid}`, { code: "NOT_FOUND" }));
    app.panel.replaceChildren(h("p", {}, `${t("errNotFound")}：${uid}`));
    return;
  }
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": entityName(entity) });
  for (const [key, label] of TABS) {
    const selected = key === tab;
    tabs.append(
      h(
        "a",
        {
          href: `${entityHref(uid)}${key === "graph" ? "" : `/${key}`}`,
          role: "tab",
          "aria-selected": selected ? "true" : "false",
          class: selected ? "tab active" : "tab",
          id: `tab-${key}`,
        },
        t(label),
      ),
    );
  }
  tabs.append(h("a", { href: `#/paths?from=${encodeURIComponent(uid)}`, class: "tab" }, t("tabPathsFrom")));
  const body = h("div", { class: "tab-body", role: "tabpanel", "aria-labelledby": `tab-${tab}` });
  const heading = h("h2", { class: "entity-title" }, entityLink(entity), kindBadge(entity.kind));
  app.panel.replaceChildren(heading, tabs, body);
  app.expandHandler = null;
  if (tab === "recommend") return renderRecommend(app, entity, body, params);
  if (tab === "team") return renderTeam(app, entity, body, params);
  if (tab === "transfers") return renderTransfers(app, entity, body);
  body.append(h("h3", {}, t("details")), detailsList(entity));
  return renderNeighbourhood(app, entity, body);
}

async function fetchNeighbourhood(uid) {
  const data = await gql(NEIGHBORHOOD, { uid, limit: NEIGHBOURHOOD_LIMIT });
  return data.neighborhood;
}

async function renderNeighbourhood(app, entity, body) {
  const gen = app.generation;
  const view = await app.guard(() => fetchNeighbourhood(entity.uid));
  if (!view || gen !== app.generation) return;
  // Grouped by kind, the largest group first; each shows its first few (nearest first, as
  // the service orders them) and keeps the rest behind "+N", in the list and in the drawing.
  const groups = new Map();
  for (const n of view.nodes) {
    if (n.uid === entity.uid) continue;
    if (!groups.has(n.kind)) groups.set(n.kind, []);
    groups.get(n.kind).push(n);
  }
  const undrawn = new Map();
  const drawn = view.nodes.filter((n) => n.uid === entity.uid);
  const markers = [];
  for (const [kind, members] of groups) {
    drawn.push(...members.slice(0, GRAPH_SHOWN));
    if (members.length <= GRAPH_SHOWN) continue;
    const rest = members.slice(GRAPH_SHOWN);
    undrawn.set(kind, rest);
    markers.push({
      uid: `more:${kind}`,
      kind,
      name: `+${rest.length}`,
      nameEn: `+${rest.length}`,
      depth: 1,
      more: true,
    });
  }
  app.graph.setGraph([...drawn, ...markers], view.edges, { center: entity.uid });
  // The rest of a kind drawn: by its "+N" node in the graph or its "+N" button in the list.
  const reveal = (kind) => {
    const rest = undrawn.get(kind);
    if (!rest) return 0;
    undrawn.delete(kind);
    app.graph.cy.getElementById(`more:${kind}`).remove();
    return app.graph.addGraph(rest, view.edges, entity.uid);
  };
  const section = h("section", { class: "neighbours" }, h("h3", {}, `${t("neighbours")} (${view.nodes.length - 1})`));
  if (view.truncated) section.append(h("p", { class: "note" }, t("truncated")));
  const list = h("ul", { class: "neighbour-groups" });
  const expanded = new Set([entity.uid]);

  const expand = async (uid) => {
    if (uid.startsWith("more:")) return reveal(uid.slice("more:".length));
    if (expanded.has(uid)) return 0;
    expanded.add(uid);
    const more = await app.guard(() => fetchNeighbourhood(uid));
    if (!more || gen !== app.generation) {
      expanded.delete(uid);
      return 0;
    }
    const added = app.graph.addGraph(more.nodes, more.edges, uid);
    const button = list.querySelector(`button[data-uid="${CSS.escape(uid)}"]`);
    if (button) {
      button.textContent = `${t("expanded")} +${added}`;
      button.disabled = true;
    }
    return added;
  };
  app.expandHandler = expand;

  const relationOf = new Map();
  for (const e of view.edges) {
    const other = e.source === entity.uid ? e.target : e.target === entity.uid ? e.source : null;
    if (other && !relationOf.has(other)) relationOf.set(other, e.type);
  }
  const ordered = [...groups].sort((a, b) => b[1].length - a[1].length || kindName(a[0]).localeCompare(kindName(b[0])));
  for (const [kind, members] of ordered) {
    const group = h(
      "li",
      { class: "kind-group", "data-kind": kind },
      h("h4", {}, `${kindName(kind)} (${members.length})`),
    );
    const items = h("ul", { class: "neighbour-list" });
    members.forEach((n, i) => {
      const relation = relationOf.get(n.uid);
      items.append(
        h(
          "li",
          { hidden: i >= GROUP_SHOWN, "data-uid": n.uid },
          entityLink(n),
          h("span", { class: "meta" }, relation ? relationName(relation) : ""),
          h("button", { type: "button", class: "small", "data-uid": n.uid, onclick: () => expand(n.uid) }, t("expand")),
        ),
      );
    });
    group.append(items);
    if (members.length > GROUP_SHOWN) {
      const more = h("button", { type: "button", class: "small more" }, `+${members.length - GROUP_SHOWN}`);
      more.addEventListener("click", () => {
        items.querySelectorAll("li[hidden]").forEach((li) => (li.hidden = false));
        more.remove();
        reveal(kind);
      });
      group.append(more);
    }
    list.append(group);
  }
  section.append(list);
  body.append(section);
}
