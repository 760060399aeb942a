// 精准对接会: the enterprises (picked by region or chain, then added and removed one by one,
// the exact set in the URL), optionally the partners or their kinds, planMatchmakingEvent's
// optimal schedule as a grid (a table's partner × rounds), and the enterprises left short.
import { gql } from "../api.js";
import { entityLink, h, loading } from "../dom.js";
import { bilingual, entityName, fill, kindCode, reasonText, t } from "../i18n.js";
import { MATCHMAKING } from "../queries.js";
import { chooser } from "./chooser.js";
import { scopeChecklist, scopeEnterprises } from "./event_picks.js";
import {
  PARTNER_KINDS,
  ask,
  badNumber,
  entityList,
  field,
  figure,
  formValues,
  intParam,
  kindBoxes,
  lookupEntities,
  num,
  numberInput,
  picker,
  programmeForm,
  programmeHash,
  programmeMenu,
  refused,
  showProblem,
  twoRings,
  uidList,
  withoutUids,
} from "./programmes.js";

function askedFrom(params) {
  return {
    region: params.get("region") || "",
    chain: params.get("chain") || "",
    count: intParam(params, "count", 8),
    rounds: intParam(params, "rounds", 3),
    capacity: intParam(params, "capacity", null),
    perEnterprise: intParam(params, "perEnterprise", null),
    enterprises: uidList(params, "enterprises"),
    partners: uidList(params, "partners"),
    kinds: uidList(params, "kinds"),
  };
}

// A partner keeps its table every round, so a row is a table and its partner, a column a round.
function grid(plan) {
  const partners = new Map();
  for (const m of plan.meetings) partners.set(m.table, m.partner);
  const at = new Map(plan.meetings.map((m) => [`${m.round}:${m.table}`, m]));
  const rounds = Array.from({ length: plan.rounds }, (_, i) => i + 1);
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, t("pgTablePartner")),
    ...rounds.map((r) => h("th", { scope: "col", "data-round": String(r) }, fill("pgRoundN", { n: r }))),
  );
  const rows = [...partners.keys()]
    .sort((a, b) => a - b)
    .map((table) => {
      const cells = rounds.map((r) => {
        const m = at.get(`${r}:${table}`);
        if (!m) return h("td", { class: "empty", "data-round": String(r), "data-table": String(table) }, "");
        const title = m.reasons.map(reasonText).join(t("listSep"));
        return h(
          "td",
          {
            class: "meeting",
            "data-round": String(r),
            "data-table": String(table),
            "data-score": String(m.score),
            "data-enterprise": m.enterprise.uid,
            title,
          },
          entityLink(m.enterprise),
          h("span", { class: "num" }, m.score.toFixed(2)),
        );
      });
      const partner = partners.get(table);
      return h(
        "tr",
        { "data-table": String(table), "data-partner": partner.uid },
        h(
          "th",
          { scope: "row" },
          h("span", { class: "table-no" }, fill("pgTableN", { n: table })),
          entityLink(partner),
        ),
        ...cells,
      );
    });
  return h(
    "div",
    { class: "heatmap-wrap" },
    h("table", { class: "schedule", id: "schedule" }, h("thead", {}, head), h("tbody", {}, rows)),
  );
}

// The enterprises and partners, a dashed tie for each meeting.
function draw(app, plan) {
  const nodes = new Map();
  const edges = [];
  for (const m of plan.meetings) {
    nodes.set(m.enterprise.uid, { ...m.enterprise, depth: 0 });
    if (!nodes.has(m.partner.uid)) nodes.set(m.partner.uid, { ...m.partner, depth: 1 });
    edges.push({ source: m.enterprise.uid, target: m.partner.uid, type: "MEETS", virtual: true });
  }
  if (nodes.size)
    app.graph.setGraph([...nodes.values()], edges, {
      layout: twoRings(new Set(plan.meetings.map((m) => m.enterprise.uid))),
    });
}

function planView(plan) {
  return [
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
    h(
      "ul",
      { class: "reasons", id: "event-unmatched" },
      plan.unmatched.map((u) =>
        h(
          "li",
          { "data-uid": u.enterprise.uid },
          entityLink(u.enterprise),
          ` ${u.meetings}/${u.wanted} · ${bilingual(u.why)}`,
        ),
      ),
    ),
  ];
}

export async function renderEvent(app, params) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const asked = askedFrom(params);
  const scoped = Boolean(asked.region || asked.chain);
  const body = h("div", { class: "programme-body", id: "event-body" });
  const place = { body, view: "event", params, form: null };
  // Names for the uids the URL gives, and the region's or chain's enterprises for the checklist.
  const loaded = await app.guard(() =>
    Promise.all([
      entityList("regions"),
      entityList("chains"),
      lookupEntities([...asked.enterprises, ...asked.partners]),
    ]),
  );
  if (!loaded || gen !== app.generation) return;
  const [regions, chains, named] = loaded;
  let scopeError = null;
  const wanted = asked.enterprises.length ? 0 : asked.count || 0;
  const scope = scoped
    ? await scopeEnterprises(asked, wanted).catch((err) => {
        scopeError = err;
        return null;
      })
    : { list: [], total: 0 };
  if (gen !== app.generation) return;
  const known = (uids) => uids.map((u) => named.get(u)).filter(Boolean);
  const firms = asked.enterprises.length
    ? known(asked.enterprises).filter((e) => e.kind === "ENTERPRISE")
    : scope
      ? scope.list.slice(0, Math.max(0, asked.count || 0))
      : [];
  const planned = firms.map((e) => e.uid).join(",");

  const edited = h("p", { class: "note edited", id: "event-edited", hidden: true }, t("pgEdited"));
  let checklist = null;
  const enterprises = chooser({
    name: "enterprises",
    legend: t("pgChosen"),
    placeholder: t("pgSearchEnterprise"),
    kinds: ["ENTERPRISE"],
    picked: firms,
    onChange: () => {
      if (checklist) checklist.sync();
      edited.hidden = enterprises.uids().join(",") === planned;
    },
  });
  checklist = scope && scope.list.length ? scopeChecklist(scope, enterprises) : null;
  const kinds = kindBoxes(
    "kinds",
    t("pgPartnerKinds"),
    PARTNER_KINDS,
    asked.kinds.length ? asked.kinds : PARTNER_KINDS,
    PARTNER_KINDS,
  );
  const checkedKinds = () => [...kinds.querySelectorAll("input:checked")].map((b) => b.value);
  const partners = chooser({
    name: "partners",
    legend: t("pgGivenPartners"),
    note: t("pgGivenPartnersNote"),
    placeholder: t("pgSearchPartner"),
    kinds: checkedKinds,
    picked: known(asked.partners),
  });
  const repick = h("button", { type: "button", class: "small", id: "event-repick" }, t("pgRepick"));
  const form = programmeForm("event", [
    h(
      "div",
      { class: "pg-group" },
      field(t("region"), picker("region", regions, asked.region, { byName: true })),
      field(t("chainPick"), picker("chain", chains, asked.chain)),
      field(t("pgEnterpriseCount"), numberInput("count", asked.count, 1, 500)),
      repick,
    ),
    enterprises.element,
    edited,
    checklist ? checklist.element : null,
    kinds,
    partners.element,
    field(t("pgRounds"), numberInput("rounds", asked.rounds, 1, 20)),
    field(t("pgCapacity"), numberInput("capacity", asked.capacity, 1, 20)),
    field(t("pgPerEnterprise"), numberInput("perEnterprise", asked.perEnterprise, 1, 20)),
  ]);
  // Picking again by region or chain starts the list afresh: the URL without its enterprises.
  repick.addEventListener("click", () => {
    const values = formValues(form);
    delete values.enterprises;
    location.hash = programmeHash("event", values);
  });
  place.form = form;
  app.panel.replaceChildren(programmeMenu("event"), h("h2", {}, t("pgEvent")), form, body);
  if (scopeError) return refused(app, place, scopeError);

  // Uids that name nothing, or not an enterprise, are said so with a link without them.
  const unknown = [...asked.enterprises, ...asked.partners].filter((u) => !named.get(u));
  const notFirms = asked.enterprises.filter((u) => named.get(u) && named.get(u).kind !== "ENTERPRISE");
  if (unknown.length) {
    const key = asked.enterprises.some((u) => unknown.includes(u)) ? "enterprises" : "partners";
    return showProblem(place, fill("pgUnknownUids", { uids: unknown.join(t("listSep")) }), {
      ways: [withoutUids(place, key, unknown)],
    });
  }
  if (notFirms.length) {
    const names = notFirms.map((u) => `${entityName(named.get(u))} (${u})`).join(t("listSep"));
    return showProblem(place, fill("pgWrongKind", { names }), { ways: [withoutUids(place, "enterprises", notFirms)] });
  }
  if (badNumber(place, ["count", "rounds", "capacity", "perEnterprise"])) return;
  if (!firms.length) {
    body.append(h("p", { class: "note" }, scoped ? t("pgNoEnterprises") : t("pgPickEnterprises")));
    return;
  }
  loading(body);
  const variables = {
    enterprises: firms.map((e) => e.uid),
    rounds: asked.rounds,
    partners: asked.partners.length ? asked.partners : null,
    kinds: asked.kinds.length ? asked.kinds.map(kindCode) : null,
    capacity: asked.capacity,
    perEnterprise: asked.perEnterprise,
  };
  const data = await ask(app, place, () => gql(MATCHMAKING, variables));
  if (!data || gen !== app.generation) return;
  const plan = data.planMatchmakingEvent;
  body.replaceChildren(h("div", { id: "event-plan", "data-enterprises": planned }, ...planView(plan)));
  draw(app, plan);
}
