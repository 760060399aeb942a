// Regions side by side: the counts managers report upward, transfers by year (a vendored
// Chart.js bar chart), and each chain's coverage at a glance.
import { gql } from "../api.js";
import { h, loading } from "../dom.js";
import { entityName, t } from "../i18n.js";
import { OVERVIEW } from "../queries.js";

const FIGURES = [
  ["workstations", "ovWorkstations"],
  ["partnerUnits", "ovPartnerUnits"],
  ["societies5a", "ovSocieties5a"],
  ["enterpriseAssociations", "ovEnterpriseAssociations"],
  ["chainLeaders", "ovChainLeaders"],
  ["specialised", "ovSpecialised"],
];

function transfersChart(region) {
  const canvas = h("canvas", {
    class: "transfers-chart",
    "data-region": region.region,
    role: "img",
    "aria-label": `${region.region} ${t("ovTransfersByYear")}`,
  });
  const dated = region.transfersByYear.filter((y) => y.year !== null);
  const holder = h("div", { class: "chart" }, canvas);
  // The chart library is vendored (static/vendor); without it the table below still says it all.
  if (window.Chart) {
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: dated.map((y) => String(y.year)),
        datasets: [{ label: t("ovTransfers"), data: dated.map((y) => y.transfers), backgroundColor: "#0b4f8a" }],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  // The figures behind the bars, for screen readers and for copying.
  const table = h(
    "table",
    { class: "year-table sr-only" },
    h("tr", {}, h("th", {}, t("ovYear")), ...dated.map((y) => h("td", {}, String(y.year)))),
    h("tr", {}, h("th", {}, t("ovTransfers")), ...dated.map((y) => h("td", {}, String(y.transfers)))),
  );
  return h("div", {}, holder, table);
}

function chainsTable(region) {
  const table = h(
    "table",
    { class: "chain-coverage" },
    h(
      "tr",
      {},
      h("th", {}, t("ovChain")),
      h("th", {}, t("ovCovered")),
      h("th", {}, t("ovGaps")),
      h("th", {}, t("ovChainLeaders")),
    ),
  );
  for (const c of region.chains) {
    const pct = c.segments ? (100 * c.covered) / c.segments : 0;
    table.append(
      h(
        "tr",
        { "data-chain": c.chain },
        h("td", {}, h("a", { href: `#/chain/${encodeURIComponent(c.chain)}` }, entityName(c))),
        h(
          "td",
          {},
          h("span", { class: "bar" }, h("span", { class: "bar-fill", style: `width:${pct.toFixed(0)}%` })),
          ` ${c.covered}/${c.segments}`,
        ),
        h("td", { class: "num" }, String(c.gaps)),
        h("td", { class: "num" }, String(c.chainLeaders)),
      ),
    );
  }
  return table;
}

export async function renderOverview(app, regions) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const asked = regions ? regions.split(",").filter(Boolean) : null;
  const data = await app.guard(() => gql(OVERVIEW, { regions: asked }));
  if (!data || gen !== app.generation) return;
  const columns = h("div", { class: "overview" });
  for (const region of data.regionOverview) {
    const figures = h("dl", { class: "figures" });
    for (const [key, label] of FIGURES)
      figures.append(
        h("div", { class: "figure", "data-figure": key }, h("dt", {}, t(label)), h("dd", {}, String(region[key]))),
      );
    columns.append(
      h(
        "section",
        { class: "region-overview", "data-region": region.region },
        h("h3", {}, region.region),
        figures,
        h("h4", {}, t("ovTransfersByYear")),
        transfersChart(region),
        h("h4", {}, t("ovChains")),
        region.chains.length ? chainsTable(region) : h("p", { class: "note" }, t("ovNoChains")),
      ),
    );
  }
  app.panel.replaceChildren(h("h2", {}, t("ovHeading")), columns);
}
