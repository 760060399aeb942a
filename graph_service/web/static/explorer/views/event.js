// 精准对接会: enterprises picked by region or chain, planMatchmakingEvent's optimal schedule
// as a grid (rounds × tables), and the enterprises left short of meetings.
import { gql } from "../api.js";
import { entityLink, h, loading } from "../dom.js";
import { entityName, reasonText, t } from "../i18n.js";
import { CHAIN_SEGMENTS, ENTERPRISES_IN_REGION, MATCHMAKING, enterprisesInSegments } from "../queries.js";
import { entityList, field, figure, intParam, num, numberInput, picker, programmeForm, programmeMenu } from "./programmes.js";

const SEGMENT_BATCH = 10; // below the service's alias limit

// The enterprises of a region (by name) or of a chain's segments, sorted by uid so a URL
// always names the same set.
async function pickEnterprises(asked) {
  if (asked.region && !asked.chain) {
    const data = await gql(ENTERPRISES_IN_REGION, { region: asked.region, first: asked.count });
    return data.entities.edges.map((e) => e.node);
  }
  const segments = (await gql(CHAIN_SEGMENTS, { chain: asked.chain })).neighborhood.nodes.filter((n) => n.kind === "CHAIN_SEGMENT");
  const found = new Map();
  for (let i = 0; i < segments.length; i += SEGMENT_BATCH) {
    const chunk = segments.slice(i, i + SEGMENT_BATCH);
    const data = await gql(enterprisesInSegments(chunk.length), Object.fromEntries(chunk.map((s, j) => [`u${j}`, s.uid])));
    for (const view of Object.values(data)) for (const n of view.nodes) if (n.kind === "ENTERPRISE" && (!asked.region || n.region === asked.region)) found.set(n.uid, n);
  }
  return [...found.values()].sort((a, b) => a.uid.localeCompare(b.uid)).slice(0, asked.count);
}

function grid(plan) {
  const tables = Math.max(0, ...plan.meetings.map((m) => m.table));
  const at = new Map(plan.meetings.map((m) => [`${m.round}:${m.table}`, m]));
  const head = h("tr", {}, h("th", {}, t("pgRound")), ...Array.from({ length: tables }, (_, i) => h("th", { scope: "col" }, `${t("pgTable")} ${i + 1}`)));
  const rows = [];
  for (let r = 1; r <= plan.rounds; r += 1) {
    const cells = [];
    for (let k = 1; k <= tables; k += 1) {
      const m = at.get(`${r}:${k}`);
      cells.push(
        m
          ? h("td", { class: "meeting", "data-round": String(r), "data-table": String(k), "data-score": String(m.score), title: m.reasons.map(reasonText).join("；") }, entityLink(m.enterprise), h("span", { class: "meet" }, "↔"), entityLink(m.partner), h("span", { class: "num" }, ` ${m.score.toFixed(2)}`))
          : h("td", { class: "empty" }, ""),
      );
    }
    rows.push(h("tr", { "data-round": String(r) }, h("th", { scope: "row" }, `${t("pgRound")} ${r}`), ...cells));
  }
  return h("div", { class: "heatmap-wrap" }, h("table", { class: "schedule", id: "schedule" }, h("thead", {}, head), h("tbody", {}, rows)));
}

export async function renderEvent(app, params) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const lists = await app.guard(() => Promise.all([entityList("regions"), entityList("chains")]));
  if (!lists || gen !== app.generation) return;
  const [regions, chains] = lists;
  const asked = {
    region: params.get("region") || "",
    chain: params.get("chain") || "",
    count: intParam(params, "count", 8),
    rounds: intParam(params, "rounds", 3),
    capacity: intParam(params, "capacity", null),
    perEnterprise: intParam(params, "perEnterprise", null),
  };
  const form = programmeForm("event", [
    field(t("region"), picker("region", regions, asked.region, { byName: true })),
    field(t("chainPick"), picker("chain", chains, asked.chain)),
    field(t("pgEnterpriseCount"), numberInput("count", asked.count, 1, 500)),
    field(t("pgRounds"), numberInput("rounds", asked.rounds, 1, 20)),
    field(t("pgCapacity"), numberInput("capacity", asked.capacity, 1, 20)),
    field(t("pgPerEnterprise"), numberInput("perEnterprise", asked.perEnterprise, 1, 20)),
  ]);
  const body = h("div", { class: "programme-body", id: "event-body" });
  app.panel.replaceChildren(programmeMenu("event"), h("h2", {}, t("pgEvent")), form, body);
  if (!asked.region && !asked.chain) {
    body.append(h("p", { class: "note" }, t("pgPickEnterprises")));
    return;
  }
  loading(body);
  const enterprises = await app.guard(() => pickEnterprises(asked));
  if (!enterprises || gen !== app.generation) return;
  if (!enterprises.length) {
    body.replaceChildren(h("p", { class: "note" }, t("pgNoEnterprises")));
    return;
  }
  const variables = { enterprises: enterprises.map((e) => e.uid), rounds: asked.rounds, capacity: asked.capacity, perEnterprise: asked.perEnterprise };
  const data = await app.guard(() => gql(MATCHMAKING, variables));
  if (!data || gen !== app.generation) return;
  const plan = data.planMatchmakingEvent;
  body.replaceChildren(
    h("p", { class: "note", id: "event-enterprises", "data-count": String(enterprises.length) }, `${t("pgEnterprises")}：${enterprises.map(entityName).join("、")}`),
    h(
      "dl",
      { class: "figures" },
      figure("totalScore", t("pgTotalScore"), num(plan.totalScore)),
      figure("meetings", t("pgMeetings"), plan.meetings.length),
      figure("rounds", t("pgRounds"), plan.rounds),
      figure("candidatePairs", t("pgPairs"), plan.candidatePairs),
    ),
    h("p", { class: "note" }, t("pgOptimal")),
    grid(plan),
    h("h3", {}, `${t("pgUnmatched")} (${plan.unmatched.length})`),
    h("ul", { class: "reasons", id: "event-unmatched" }, plan.unmatched.map((u) => h("li", { "data-uid": u.enterprise.uid }, entityLink(u.enterprise), ` ${u.meetings}/${u.wanted} · ${u.why}`))),
  );
}
