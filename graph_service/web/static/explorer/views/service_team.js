// 专家服务团: the team formServiceTeam picks for a district, park or chain, each member's
// marginal gain and the needs it meets, the needs left uncovered, and the coverage bound.
import { gql } from "../api.js";
import { entityLink, h, kindBadge, loading } from "../dom.js";
import { entityName, t } from "../i18n.js";
import { SERVICE_TEAM } from "../queries.js";
import { entityList, field, figure, intParam, num, numberInput, picker, programmeForm, programmeMenu } from "./programmes.js";

const UNCOVERED_SHOWN = 30;

function needItem(n) {
  return h("li", { "data-enterprise": n.enterprise.uid, "data-need": n.need.uid }, `${entityName(n.enterprise)} ← ${entityName(n.need)}`, h("span", { class: "num" }, ` ×${num(n.weight)}`));
}

function memberRow(m, i) {
  const covers = h("ul", { class: "covers" }, m.covers.map(needItem));
  return h(
    "li",
    { class: "card member", "data-uid": m.expert.uid, "data-gain": String(m.gain) },
    h("div", { class: "card-head" }, h("strong", {}, `${i + 1}. `), entityLink(m.expert), kindBadge(m.expert.kind), m.forced ? h("span", { class: "chip" }, t("pgForced")) : null),
    h("p", {}, `${t("gain")} `, h("span", { class: "gain num" }, num(m.gain)), ` · ${t("pgServes")} `, h("span", { class: "serves num" }, String(m.serves))),
    h("details", {}, h("summary", {}, `${t("pgCovers")} (${m.covers.length})`), covers),
  );
}

export async function renderServiceTeam(app, params) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const asked = { region: params.get("region") || "", park: params.get("park") || "", chain: params.get("chain") || "", size: intParam(params, "size", 5) };
  const lists = await app.guard(() => Promise.all([entityList("regions"), entityList("parks"), entityList("chains")]));
  if (!lists || gen !== app.generation) return;
  const [regions, parks, chains] = lists;
  const form = programmeForm("team", [
    field(t("region"), picker("region", regions, asked.region, { byName: true })),
    field(t("pgPark"), picker("park", parks, asked.park)),
    field(t("chainPick"), picker("chain", chains, asked.chain)),
    field(t("pgSize"), numberInput("size", asked.size, 1, 50)),
  ]);
  const body = h("div", { class: "programme-body", id: "team-body" });
  app.panel.replaceChildren(programmeMenu("team"), h("h2", {}, t("pgTeam")), form, body);
  if (!asked.region && !asked.park && !asked.chain) {
    body.append(h("p", { class: "note" }, t("pgPickScope")));
    return;
  }
  loading(body);
  const variables = { size: asked.size, region: asked.region || null, park: asked.park || null, chain: asked.chain || null };
  const data = await app.guard(() => gql(SERVICE_TEAM, variables));
  if (!data || gen !== app.generation) return;
  const team = data.formServiceTeam;
  const share = team.total ? team.covered / team.total : 0;
  const figures = h(
    "dl",
    { class: "figures" },
    figure("enterprises", t("pgEnterprises"), team.enterprises),
    figure("covered", t("pgCovered"), `${num(team.covered)} / ${num(team.total)}`),
    figure("share", t("pgShare"), `${(100 * share).toFixed(1)}%`),
    figure("optimumAtMost", t("pgBound"), num(team.optimumAtMost)),
  );
  const members = h("ol", { class: "cards members", id: "team-members" }, team.members.map(memberRow));
  const uncovered = h("ul", { class: "uncovered", id: "team-uncovered", "data-count": String(team.uncovered.length) }, team.uncovered.slice(0, UNCOVERED_SHOWN).map(needItem));
  body.replaceChildren(
    h("p", { class: "note", id: "team-scope" }, `${team.place} · ${team.basisNote}`),
    figures,
    h("p", { class: "note" }, t("pgGuarantee").replace("{g}", (100 * team.guarantee).toFixed(1))),
    h("h3", {}, t("members")),
    team.members.length ? members : h("p", { class: "note" }, t("pgNoMembers")),
    h("h3", {}, `${t("pgUncovered")} (${team.uncovered.length})`),
    uncovered,
    team.uncovered.length > UNCOVERED_SHOWN ? h("p", { class: "note" }, `+${team.uncovered.length - UNCOVERED_SHOWN}`) : null,
  );
  // The team and the enterprises it serves, drawn beside the list.
  const nodes = new Map();
  const edges = [];
  for (const m of team.members) {
    nodes.set(m.expert.uid, { ...m.expert, depth: 0 });
    // A dozen enterprises a member: a whole district would not read as a drawing.
    for (const c of m.covers.slice(0, 12)) {
      if (!nodes.has(c.enterprise.uid)) nodes.set(c.enterprise.uid, { ...c.enterprise, kind: "ENTERPRISE", depth: 1 });
      edges.push({ source: m.expert.uid, target: c.enterprise.uid, type: "SERVES", virtual: true });
    }
  }
  if (nodes.size) app.graph.setGraph([...nodes.values()], edges, {});
}
