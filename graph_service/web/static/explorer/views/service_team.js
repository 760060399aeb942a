// 专家服务团: the team formServiceTeam picks for a district, park or chain, each member's
// marginal gain and the needs it meets, the needs left uncovered, and the coverage bound.
// Experts can be excluded or required (from the team itself or by search), in the URL.
import { gql } from "../api.js";
import { entityLink, h, kindBadge, loading } from "../dom.js";
import { bilingual, entityName, fill, kindCode, t } from "../i18n.js";
import { SERVICE_TEAM } from "../queries.js";
import { chooser } from "./chooser.js";
import {
  PARTNER_KINDS,
  ask,
  badNumber,
  entityList,
  field,
  figure,
  intParam,
  kindBoxes,
  lookupEntities,
  num,
  numberInput,
  picker,
  programmeForm,
  programmeHash,
  programmeMenu,
  showProblem,
  twoRings,
  uidList,
  withoutUids,
} from "./programmes.js";

const UNCOVERED_SHOWN = 30;
const DEFAULT_KINDS = ["SCIENTIST"];

function needItem(n) {
  return h(
    "li",
    { "data-enterprise": n.enterprise.uid, "data-need": n.need.uid },
    `${entityName(n.enterprise)} ← ${entityName(n.need)}`,
    h("span", { class: "num" }, ` ×${num(n.weight)}`),
  );
}

// The URL with one expert moved between the lists: excluded, required, or neither.
function hashWith(params, uid, { exclude, require }) {
  const next = new URLSearchParams(params);
  const lists = {
    exclude: uidList(params, "exclude").filter((u) => u !== uid),
    mustInclude: uidList(params, "mustInclude").filter((u) => u !== uid),
  };
  if (exclude) lists.exclude.push(uid);
  if (require) lists.mustInclude.push(uid);
  for (const [key, uids] of Object.entries(lists)) {
    if (uids.length) next.set(key, uids.join(","));
    else next.delete(key);
  }
  return programmeHash("team", next);
}

function memberRow(params, m, i) {
  const covers = h("ul", { class: "covers" }, m.covers.map(needItem));
  const actions = h(
    "span",
    { class: "member-actions" },
    h(
      "a",
      {
        href: hashWith(params, m.expert.uid, { exclude: true }),
        class: "button small exclude",
        "data-uid": m.expert.uid,
      },
      t("pgExclude"),
    ),
    h(
      "a",
      {
        href: hashWith(params, m.expert.uid, { require: !m.forced }),
        class: "button small keep",
        "data-uid": m.expert.uid,
      },
      m.forced ? t("pgUnkeep") : t("pgKeep"),
    ),
  );
  return h(
    "li",
    {
      class: "card member",
      "data-uid": m.expert.uid,
      "data-gain": String(m.gain),
      "data-forced": m.forced ? "1" : null,
    },
    h(
      "div",
      { class: "card-head" },
      h("strong", {}, `${i + 1}. `),
      entityLink(m.expert),
      kindBadge(m.expert.kind),
      m.forced ? h("span", { class: "chip forced" }, t("pgForced")) : null,
      actions,
    ),
    h(
      "p",
      {},
      `${t("gain")} `,
      h("span", { class: "gain num" }, num(m.gain)),
      ` · ${t("pgServes")} `,
      h("span", { class: "serves num" }, String(m.serves)),
    ),
    h("details", {}, h("summary", {}, `${t("pgCovers")} (${m.covers.length})`), covers),
  );
}

export async function renderServiceTeam(app, params) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const asked = {
    region: params.get("region") || "",
    park: params.get("park") || "",
    chain: params.get("chain") || "",
    size: intParam(params, "size", 5),
    kinds: uidList(params, "kinds"),
    exclude: uidList(params, "exclude"),
    mustInclude: uidList(params, "mustInclude"),
  };
  const loaded = await app.guard(() =>
    Promise.all([
      entityList("regions"),
      entityList("parks"),
      entityList("chains"),
      lookupEntities([...asked.mustInclude, ...asked.exclude]),
    ]),
  );
  if (!loaded || gen !== app.generation) return;
  const [regions, parks, chains, named] = loaded;
  const known = (uids) => uids.map((u) => named.get(u)).filter(Boolean);
  const kinds = kindBoxes(
    "kinds",
    t("pgMemberKinds"),
    PARTNER_KINDS,
    asked.kinds.length ? asked.kinds : DEFAULT_KINDS,
    DEFAULT_KINDS,
  );
  const checkedKinds = () => [...kinds.querySelectorAll("input:checked")].map((b) => b.value);
  const must = chooser({
    name: "mustInclude",
    legend: t("pgMustInclude"),
    placeholder: t("pgSearchExpert"),
    kinds: checkedKinds,
    picked: known(asked.mustInclude),
  });
  const exclude = chooser({
    name: "exclude",
    legend: t("pgExcluded"),
    placeholder: t("pgSearchExpert"),
    kinds: checkedKinds,
    picked: known(asked.exclude),
  });
  const form = programmeForm("team", [
    field(t("region"), picker("region", regions, asked.region, { byName: true })),
    field(t("pgPark"), picker("park", parks, asked.park)),
    field(t("chainPick"), picker("chain", chains, asked.chain)),
    field(t("pgSize"), numberInput("size", asked.size, 1, 50)),
    kinds,
    must.element,
    exclude.element,
  ]);
  const body = h("div", { class: "programme-body", id: "team-body" });
  const place = { body, view: "team", params, form };
  app.panel.replaceChildren(programmeMenu("team"), h("h2", {}, t("pgTeam")), form, body);
  const unknown = [...asked.mustInclude, ...asked.exclude].filter((u) => !named.get(u));
  if (unknown.length) {
    const key = asked.mustInclude.some((u) => unknown.includes(u)) ? "mustInclude" : "exclude";
    return showProblem(place, fill("pgUnknownUids", { uids: unknown.join(t("listSep")) }), {
      ways: [withoutUids(place, key, unknown)],
    });
  }
  if (badNumber(place, ["size"])) return;
  if (!asked.region && !asked.park && !asked.chain) {
    body.append(h("p", { class: "note" }, t("pgPickScope")));
    return;
  }
  loading(body);
  const variables = {
    size: asked.size,
    region: asked.region || null,
    park: asked.park || null,
    chain: asked.chain || null,
    kinds: asked.kinds.length ? asked.kinds.map(kindCode) : null,
    exclude: asked.exclude.length ? asked.exclude : null,
    mustInclude: asked.mustInclude.length ? asked.mustInclude : null,
  };
  const data = await ask(app, place, () => gql(SERVICE_TEAM, variables));
  if (!data || gen !== app.generation) return;
  const team = data.formServiceTeam;
  const share = team.total ? team.covered / team.total : 0;
  const placeName =
    team.scope === "region"
      ? entityName(regions.find((r) => r.name === team.place) || { name: team.place })
      : entityName([...parks, ...chains].find((x) => x.uid === team.place) || { name: team.place });
  const figures = h(
    "dl",
    { class: "figures" },
    figure("enterprises", t("pgEnterprises"), team.enterprises),
    figure("covered", t("pgCovered"), `${num(team.covered)} / ${num(team.total)}`),
    figure("share", t("pgShare"), `${(100 * share).toFixed(1)}%`),
    figure("optimumAtMost", t("pgBound"), num(team.optimumAtMost)),
  );
  const members = h(
    "ol",
    { class: "cards members", id: "team-members" },
    team.members.map((m, i) => memberRow(params, m, i)),
  );
  const uncovered = h(
    "ul",
    { class: "uncovered", id: "team-uncovered", "data-count": String(team.uncovered.length) },
    team.uncovered.slice(0, UNCOVERED_SHOWN).map(needItem),
  );
  body.replaceChildren(
    h("p", { class: "note", id: "team-scope" }, `${placeName} · ${bilingual(team.basisNote)}`),
    figures,
    h("p", { class: "note" }, t("pgGuarantee").replace("{g}", (100 * team.guarantee).toFixed(1))),
    h("h3", {}, t("members")),
    team.members.length ? members : h("p", { class: "note" }, t("pgNoMembers")),
    h("h3", {}, `${t("pgUncovered")} (${team.uncovered.length})`),
    uncovered,
    team.uncovered.length > UNCOVERED_SHOWN
      ? h("p", { class: "note" }, `+${team.uncovered.length - UNCOVERED_SHOWN}`)
      : null,
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
  if (nodes.size)
    app.graph.setGraph([...nodes.values()], edges, {
      layout: twoRings(new Set(team.members.map((m) => m.expert.uid))),
    });
}
