// 生态伙伴扩容: the organisations expandPartnerProgramme picks for a programme, each with its
// marginal gain and reasons, and the programme's reach before and after (a Chart.js bar chart).
import { gql } from "../api.js";
import { entityLink, h, kindBadge, loading } from "../dom.js";
import { entityName, reasonText, t } from "../i18n.js";
import { EXPAND_PROGRAMME } from "../queries.js";
import {
  ask,
  badNumber,
  entityList,
  field,
  intParam,
  num,
  numberInput,
  picker,
  programmeForm,
  programmeMenu,
} from "./programmes.js";

const REACH = [
  ["segments", "pgSegments"],
  ["fields", "pgFields"],
  ["districts", "pgDistricts"],
];

function reachChart(result) {
  const canvas = h("canvas", { class: "reach-chart", role: "img", "aria-label": t("pgReach") });
  const holder = h("div", { class: "chart" }, canvas);
  if (window.Chart) {
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: REACH.map(([, label]) => t(label)),
        datasets: [
          { label: t("pgBefore"), data: REACH.map(([key]) => result.before[key]), backgroundColor: "#8fa9c4" },
          { label: t("pgAfter"), data: REACH.map(([key]) => result.after[key]), backgroundColor: "#0b4f8a" },
          { label: t("pgTotal"), data: REACH.map(([key]) => result.total[key]), backgroundColor: "#d0d7de" },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  // The same figures as a table: for screen readers, copying and the tests.
  const table = h(
    "table",
    { class: "reach-table", id: "reach-table" },
    h("tr", {}, h("th", {}, ""), h("th", {}, t("pgBefore")), h("th", {}, t("pgAfter")), h("th", {}, t("pgTotal"))),
  );
  for (const [key, label] of REACH) {
    table.append(
      h(
        "tr",
        { "data-reach": key },
        h("th", { scope: "row" }, t(label)),
        h("td", { class: "num before" }, String(result.before[key])),
        h("td", { class: "num after" }, String(result.after[key])),
        h("td", { class: "num total" }, String(result.total[key])),
      ),
    );
  }
  return h("div", {}, holder, table);
}

function pickCard(pick, i) {
  return h(
    "li",
    { class: "card pick", "data-uid": pick.entity.uid, "data-gain": String(pick.gain) },
    h(
      "div",
      { class: "card-head" },
      h("strong", {}, `${i + 1}. `),
      entityLink(pick.entity),
      kindBadge(pick.entity.kind),
    ),
    h(
      "p",
      {},
      `${t("gain")} `,
      h("span", { class: "gain num" }, num(pick.gain)),
      ` · ${t("score")} ${pick.score.toFixed(2)}`,
    ),
    h(
      "ul",
      { class: "reasons" },
      pick.reasons.map((r) => h("li", { "data-component": r.component }, reasonText(r))),
    ),
    h(
      "p",
      { class: "covers" },
      pick.covers.map((c) => h("span", { class: "chip name", "data-kind": c.kind }, entityName(c))),
    ),
  );
}

export async function renderPartnerExpansion(app, params) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const asked = {
    programme: params.get("programme") || "",
    count: intParam(params, "count", 10),
    region: params.get("region") || "",
  };
  const lists = await app.guard(() => Promise.all([entityList("programmes"), entityList("regions")]));
  if (!lists || gen !== app.generation) return;
  const [programmes, regions] = lists;
  const programme =
    asked.programme ||
    (programmes.find((p) => p.uid === "programme:kechuang-partner") || programmes[0] || {}).uid ||
    "";
  const form = programmeForm("expand", [
    field(t("pgProgramme"), picker("programme", programmes, programme, { optional: false })),
    field(t("pgCount"), numberInput("count", asked.count, 1, 100)),
    field(t("region"), picker("region", regions, asked.region, { byName: true })),
  ]);
  const body = h("div", { class: "programme-body", id: "expand-body" });
  app.panel.replaceChildren(programmeMenu("expand"), h("h2", {}, t("pgExpand")), form, body);
  if (!programme) return;
  const place = { body, view: "expand", params, form };
  if (badNumber(place, ["count"])) return;
  loading(body);
  const data = await ask(app, place, () =>
    gql(EXPAND_PROGRAMME, { programme, count: asked.count, region: asked.region || null }),
  );
  if (!data || gen !== app.generation) return;
  const result = data.expandPartnerProgramme;
  body.replaceChildren(
    h(
      "p",
      { class: "note", id: "expand-partners" },
      `${entityName(programmes.find((p) => p.uid === result.programme) || result)} · ${t("pgPartners")} ${result.partners}`,
    ),
    h("h3", {}, t("pgReach")),
    reachChart(result),
    h("h3", {}, `${t("pgPicks")} (${result.picks.length})`),
    result.picks.length
      ? h("ol", { class: "cards picks", id: "expand-picks" }, result.picks.map(pickCard))
      : h("p", { class: "note" }, t("pgNoPicks")),
  );
}
