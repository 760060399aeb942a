// An industry chain: segments upstream to downstream, a heat map of coverage per role, gaps and recruits.
import { gql } from "../api.js";
import { entityLink, h, kindBadge, loading } from "../dom.js";
import { entityName, gapName, reasonText, t } from "../i18n.js";
import { CHAINS, CHAIN_GAPS, CLOSE_GAPS, transfersInto } from "../queries.js";
import { drawFlows, flowList } from "./transfers.js";

const ROLES = [
  {
    key: "enterprises",
    label: "roleEnterprises",
    value: (c) => c.enterprises,
    gaps: ["NO_ENTERPRISE", "SINGLE_POINT", "NO_CHAIN_LEADER"],
    detail: (c) => `${t("chainLeader")} ${c.chainLeaders} · ${t("specialisedShort")} ${c.specialised}`,
  },
  {
    key: "talent",
    label: "roleTalent",
    value: (c) => c.scientists,
    gaps: ["TALENT_GAP"],
    detail: (c) => `${t("institutions")} ${c.institutions} · ${t("workstations")} ${c.workstations}`,
  },
  { key: "capital", label: "roleCapital", value: (c) => c.investors, gaps: ["CAPITAL_GAP"], detail: () => "" },
  { key: "service", label: "roleService", value: (c) => c.agencies, gaps: ["SERVICE_GAP"], detail: () => "" },
  { key: "transfers", label: "roleTransfers", value: (c) => c.transfers, gaps: ["NO_TRANSFER"], detail: () => "" },
];
const FLOW_ENTERPRISES = 8;

// Shade on a log scale per column, so one crowded segment does not wash out the rest.
const LIGHT = [243, 248, 253];
const DARK = [11, 79, 138];

function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// Black or white text, whichever contrasts more: one of them always reaches WCAG's 4.5:1.
export function heat(value, max) {
  const share = max > 0 ? Math.log1p(value) / Math.log1p(max) : 0;
  const rgb = LIGHT.map((v, i) => Math.round(v + (DARK[i] - v) * share));
  const lum = luminance(rgb);
  const color = (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
  return { background: `rgb(${rgb.join(",")})`, color };
}

export async function renderChain(app, chainUid, region) {
  const gen = app.generation;
  app.expandHandler = null;
  loading(app.panel);
  const chains = await app.guard(() => gql(CHAINS));
  if (!chains || gen !== app.generation) return;
  const options = chains.entities.edges.map((e) => e.node);
  const selected = chainUid || (options[0] && options[0].uid);
  const select = h("select", { id: "chain-select" });
  for (const c of options) select.append(h("option", { value: c.uid, selected: c.uid === selected }, entityName(c)));
  const regionInput = h("input", { id: "chain-region", type: "text", value: region || "", placeholder: "成都市" });
  const form = h(
    "form",
    { class: "chain-form" },
    h("label", { for: "chain-select" }, t("chainPick")),
    select,
    h("label", { for: "chain-region" }, t("chainRegion")),
    regionInput,
    h("button", { type: "submit" }, t("chainShow")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const r = regionInput.value.trim();
    location.hash = `#/chain/${encodeURIComponent(select.value)}${r ? `?region=${encodeURIComponent(r)}` : ""}`;
  });
  const body = h("div", { class: "chain-body" });
  app.panel.replaceChildren(h("h2", {}, t("chainHeading")), form, body);
  if (!selected) return;
  loading(body);
  const data = await app.guard(() => gql(CHAIN_GAPS, { chain: selected, region: region || null }));
  if (!data || gen !== app.generation) return;
  const report = data.chainGaps;
  const segments = [...report.segments].sort((a, b) => a.position - b.position);
  // Say what was counted: a chain of one city is counted within it unless a region is given.
  const scope = h("p", { class: "note", id: "chain-scope" }, reasonText({ zh: report.scopeZh, en: report.scopeEn }));
  body.replaceChildren(
    h("h3", {}, entityName(report)),
    scope,
    heatMap(app, segments),
    h("p", { class: "note" }, t("heatLegend")),
  );
  body.append(h("h3", {}, t("gaps")));
  for (const g of report.gaps)
    body.append(h("p", { class: "gap whole-chain", "data-gap": g.kind }, `${gapName(g.kind)}：${reasonText(g)}`));
  body.append(gapList(segments));
  const closeButton = h("button", { type: "button", id: "close-gaps" }, t("closeGaps"));
  const closeHolder = h("div");
  closeButton.addEventListener("click", () => app.guard(() => showCloseGaps(selected, region, segments, closeHolder)));
  body.append(closeButton, closeHolder);
  drawChain(app, report, segments);
}

// The chain itself in the graph: its segments left to right, so the flow reads upstream to downstream.
function drawChain(app, report, segments) {
  const nodes = segments.map((s, i) => ({
    uid: s.uid,
    kind: "CHAIN_SEGMENT",
    name: s.name,
    nameEn: s.nameEn,
    depth: 1,
    position: { x: i * 170, y: 0 },
  }));
  const edges = segments.slice(1).map((s, i) => ({ source: segments[i].uid, target: s.uid, type: "NEXT" }));
  app.graph.setGraph(nodes, edges, { layout: { name: "preset", fit: true, padding: 40 } });
}

function heatMap(app, segments) {
  const max = Object.fromEntries(ROLES.map((r) => [r.key, Math.max(0, ...segments.map((s) => r.value(s.coverage)))]));
  const table = h("table", { class: "heatmap", id: "heatmap" });
  const head = h("tr", {}, h("th", { scope: "col" }, t("segment")));
  for (const r of ROLES) head.append(h("th", { scope: "col" }, t(r.label)));
  head.append(h("th", { scope: "col" }, h("span", { class: "sr-only" }, t("flows"))));
  table.append(h("thead", {}, head));
  const tbody = h("tbody");
  for (const s of segments) {
    const row = h("tr", { "data-segment": s.uid }, h("th", { scope: "row" }, `${s.position}. ${entityName(s)}`));
    for (const r of ROLES) {
      const value = r.value(s.coverage);
      const gaps = s.gaps.filter((g) => r.gaps.includes(g.kind));
      const colours = heat(value, max[r.key]);
      const title = [r.detail(s.coverage), ...gaps.map((g) => `${gapName(g.kind)}：${reasonText(g)}`)]
        .filter(Boolean)
        .join("\n");
      row.append(
        h(
          "td",
          {
            class: gaps.length ? "cell gap" : "cell",
            "data-role": r.key,
            style: `background:${colours.background};color:${colours.color}`,
            title,
          },
          String(value),
          gaps.length ? h("span", { class: "gap-mark", "aria-label": t("gap") }, " ⚠") : null,
        ),
      );
    }
    const flowButton = h("button", { type: "button", class: "small", disabled: !s.enterprises.length }, t("flows"));
    flowButton.addEventListener("click", () => app.guard(() => showSegmentFlows(app, s, flowButton)));
    row.append(h("td", {}, flowButton));
    tbody.append(row);
  }
  table.append(tbody);
  return h("div", { class: "heatmap-wrap" }, table);
}

function gapList(segments) {
  const list = h("ul", { class: "gap-list" });
  for (const s of segments) {
    const item = h("li", { "data-segment": s.uid }, h("strong", {}, `${s.position}. ${entityName(s)}`));
    if (!s.gaps.length) item.append(h("span", { class: "meta" }, ` ${t("noGaps")}`));
    for (const g of s.gaps) {
      const recruits = h("ul", { class: "recruits" });
      for (const sug of g.suggestions)
        recruits.append(
          h(
            "li",
            {},
            entityLink(sug.partner),
            kindBadge(sug.partner.kind),
            h("span", { class: "num" }, sug.score.toFixed(2)),
          ),
        );
      item.append(
        h(
          "div",
          { class: "gap-item" },
          h("span", { class: "tag gap-tag" }, gapName(g.kind)),
          h("span", { class: "meta" }, ` ${t("severity")} ${g.severity.toFixed(2)} `),
          reasonText(g),
          g.suggestions.length ? h("div", { class: "sub" }, `${t("suggestions")}：`) : null,
          g.suggestions.length ? recruits : null,
        ),
      );
    }
    list.append(item);
  }
  return list;
}

async function showCloseGaps(chain, region, segments, holder) {
  loading(holder);
  const data = await gql(CLOSE_GAPS, { chain, region: region || null });
  const names = new Map(segments.map((s) => [s.uid, entityName(s)]));
  const list = h("ol", { class: "recruits" });
  for (const pick of data.closeGaps) {
    list.append(
      h(
        "li",
        {},
        entityLink(pick.recruit.partner),
        kindBadge(pick.recruit.partner.kind),
        h("span", { class: "meta" }, ` ${t("gain")} ${pick.gain.toFixed(2)}：`),
        pick.closes.map((c) => `${names.get(c.segment) || c.segment} ${gapName(c.kind)}`).join("；"),
      ),
    );
  }
  holder.replaceChildren(list);
}

async function showSegmentFlows(app, segment, button) {
  const uids = segment.enterprises.slice(0, FLOW_ENTERPRISES);
  const variables = Object.fromEntries(uids.map((uid, i) => [`u${i}`, uid]));
  const data = await gql(transfersInto(uids.length), variables);
  const chains = Object.values(data).flat();
  const holder = document.getElementById("segment-flows") || h("section", { id: "segment-flows" });
  holder.replaceChildren(h("h3", {}, `${t("flowsHeading")} · ${entityName(segment)}`));
  if (!chains.length) holder.append(h("p", {}, t("flowsNone")));
  else {
    drawFlows(app, chains);
    holder.append(flowList(chains));
  }
  button.closest(".chain-body").append(holder);
  holder.scrollIntoView({ block: "nearest" });
}
