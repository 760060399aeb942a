// The workflow KPIs managers report upward (issue 21): needs and introductions by month,
// conversion and the decline reasons, as Chart.js charts (vendored) over a table of the
// figures. Region, programme and period live in the URL: #/kpis?region=…&from=…&to=….
import { gql } from "../api.js";
import { h, loading } from "../dom.js";
import { getLang, t } from "../i18n.js";
import { WORKFLOW_KPIS } from "../queries.js";

const COLUMNS = [
  ["needsPosted", "kpiPosted"],
  ["needsDocked", "kpiDocked"],
  ["needsMet", "kpiMet"],
  ["introductionsProposed", "kpiProposed"],
  ["introductionsAgreed", "kpiAgreed"],
  ["introductionsDeclined", "kpiDeclined"],
  ["conversionRate", "kpiConversion"],
  ["medianDaysToAgreement", "kpiMedianDays"],
];
const COLOURS = ["#0b4f8a", "#3c8dbc", "#2e8b57", "#8a5a0b", "#2e8b57", "#b03a2e"];

const percent = (value) => (value === null ? "—" : `${(100 * value).toFixed(1)}%`);
const days = (value) => (value === null ? "—" : value.toFixed(1));

function cell(key, value) {
  if (key === "conversionRate") return percent(value);
  if (key === "medianDaysToAgreement") return days(value);
  return String(value);
}

function chart(name, label, config) {
  const canvas = h("canvas", { class: "kpi-chart", "data-chart": name, role: "img", "aria-label": label });
  const holder = h("div", { class: "chart" }, canvas);
  // Without the vendored library the table still says it all.
  if (window.Chart) {
    new window.Chart(canvas, {
      ...config,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        ...config.options,
      },
    });
  }
  return h("figure", { class: "kpi-figure" }, h("figcaption", {}, label), holder);
}

function bars(months, keys) {
  return keys.map(([key, label], i) => ({
    label: t(label),
    data: months.map((m) => m[key]),
    backgroundColor: COLOURS[i % COLOURS.length],
  }));
}

function charts(kpis) {
  const labels = kpis.months.map((m) => m.month);
  const counts = { y: { beginAtZero: true, ticks: { precision: 0 } } };
  const needs = chart("needs", t("kpiNeedsChart"), {
    type: "bar",
    data: { labels, datasets: bars(kpis.months, COLUMNS.slice(0, 3)) },
    options: { scales: counts },
  });
  const intros = chart("introductions", t("kpiIntroductionsChart"), {
    type: "bar",
    data: { labels, datasets: bars(kpis.months, COLUMNS.slice(3, 6)) },
    options: { scales: counts },
  });
  const conversion = chart("conversion", t("kpiConversionChart"), {
    type: "line",
    data: {
      labels,
      datasets: [
        {
          label: t("kpiConversion"),
          data: kpis.months.map((m) => (m.conversionRate === null ? null : 100 * m.conversionRate)),
          borderColor: "#0b4f8a",
          backgroundColor: "#0b4f8a",
          spanGaps: true,
        },
      ],
    },
    options: { scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: (v) => `${v}%` } } } },
  });
  const reasons = chart("declines", t("kpiDeclinesChart"), {
    type: "bar",
    data: {
      labels: kpis.declineReasons.map((d) => (getLang() === "en" ? d.nameEn : d.nameZh)),
      datasets: [{ label: t("kpiCount"), data: kpis.declineReasons.map((d) => d.count), backgroundColor: "#b03a2e" }],
    },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  return h("div", { class: "kpi-charts" }, needs, intros, conversion, reasons);
}

function table(kpis) {
  const head = h("tr", {}, h("th", {}, t("kpiMonth")), ...COLUMNS.map(([, label]) => h("th", {}, t(label))));
  const row = (r, month, label) =>
    h(
      "tr",
      { "data-month": month },
      h("th", {}, label),
      ...COLUMNS.map(([key]) => h("td", { class: "num", "data-figure": key }, cell(key, r[key]))),
    );
  return h(
    "table",
    { class: "kpi-table" },
    head,
    ...kpis.months.map((m) => row(m, m.month, m.month)),
    row(kpis.totals, "total", t("kpiTotal")),
  );
}

function declines(kpis) {
  if (!kpis.declineReasons.length) return h("p", { class: "note" }, t("kpiNoDeclines"));
  return h(
    "ol",
    { class: "kpi-declines" },
    kpis.declineReasons.map((d) =>
      h(
        "li",
        { "data-reason": d.reason },
        `${getLang() === "en" ? d.nameEn : d.nameZh}：${d.count}（${percent(d.share)}）`,
      ),
    ),
  );
}

function controls(asked) {
  const field = (name, label, attrs) =>
    h("label", {}, t(label), " ", h("input", { name, value: asked[name] || "", ...attrs }));
  const form = h(
    "form",
    { class: "kpi-controls" },
    field("region", "kpiRegion", { type: "text", placeholder: t("kpiAnyRegion") }),
    field("programme", "kpiProgramme", { type: "text", placeholder: t("kpiAnyProgramme") }),
    field("from", "kpiFrom", { type: "month" }),
    field("to", "kpiTo", { type: "month" }),
    h("button", { type: "submit" }, t("kpiShow")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of ["region", "programme", "from", "to"]) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    location.hash = `#/kpis?${params}`;
  });
  return form;
}

export async function renderKpis(app, params) {
  const gen = app.generation;
  app.graph.clear();
  const asked = Object.fromEntries(["region", "programme", "from", "to"].map((k) => [k, params.get(k) || null]));
  const form = controls(asked);
  const body = h("div", { class: "kpi-body" });
  app.panel.replaceChildren(h("h2", {}, t("kpiHeading")), form, body);
  loading(body);
  const data = await app.guard(() => gql(WORKFLOW_KPIS, asked));
  if (!data || gen !== app.generation) return;
  const kpis = data.workflowKpis;
  // The period the service counted, so an empty "from" shows what it defaulted to.
  form.elements.from.value = kpis.firstMonth;
  form.elements.to.value = kpis.lastMonth;
  const scope = [
    kpis.region || t("kpiAllRegions"),
    kpis.programmeName || t("kpiAllProgrammes"),
    `${kpis.firstMonth} – ${kpis.lastMonth}`,
  ];
  const parts = [
    h("p", { class: "kpi-scope" }, scope.join(" · ")),
    kpis.publicOnly ? h("p", { class: "note kpi-public" }, t("kpiPublicOnly")) : null,
    charts(kpis),
    h("h3", {}, t("kpiTableHeading")),
    table(kpis),
    h("p", { class: "note" }, t("kpiRules")),
    h("h3", {}, t("kpiDeclinesHeading")),
    declines(kpis),
  ];
  body.replaceChildren(...parts.filter(Boolean));
}
