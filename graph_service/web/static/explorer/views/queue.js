// 对接队列: the managers' queue of open needs (needQueue) by region and industry chain, the
// choices in the URL, each need with the recommender's best candidates; from a candidate a
// manager proposes an introduction and lands on it, or takes the need into docking (an analyst
// reads the queue without those buttons).
import { gql } from "../api.js";
import { entityLink, h, loading } from "../dom.js";
import { fill, reasonText, t } from "../i18n.js";
import { CHANGE_NEED_STATUS, NEED_QUEUE, PROPOSE_INTRODUCTION } from "../queries.js";
import { entityList, field, picker } from "./programmes.js";
import { PAGE, fieldNames, needFacts, refusal, showRefusal, viewer, wfGuard } from "./workflow.js";

export function queueHash(region, chain) {
  const q = new URLSearchParams();
  if (region) q.set("region", region);
  if (chain) q.set("chain", chain);
  const query = q.toString().replace(/%3A/gi, ":");
  return `#/queue${query ? `?${query}` : ""}`;
}

async function propose(app, need, partner, place) {
  const input = { need: need.id, partner: partner.uid, source: "RECOMMENDATION" };
  const data = await wfGuard(app, () => gql(PROPOSE_INTRODUCTION, { input }));
  if (!data) return;
  const result = data.proposeIntroduction;
  const problem = refusal(result);
  if (problem) return showRefusal(place, problem);
  location.hash = `#/introductions/${encodeURIComponent(result.introduction.id)}`;
}

async function takeIntoDocking(app, need, place) {
  const data = await wfGuard(app, () => gql(CHANGE_NEED_STATUS, { id: need.id, to: "IN_DOCKING", note: "" }));
  if (!data) return;
  const problem = refusal(data.changeTechNeedStatus);
  if (problem) return showRefusal(place, problem);
  location.hash = `#/needs/${encodeURIComponent(need.id)}`;
}

// The recommender's best partners for a need, each with the button that proposes an
// introduction when the token may broker one.
export function candidateList(app, need, place, mayPropose) {
  if (!need.bestCandidates.length) return h("p", { class: "note" }, t("wfNoCandidates"));
  return h(
    "ul",
    { class: "candidates" },
    need.bestCandidates.map((c) =>
      h(
        "li",
        { "data-uid": c.partner.uid, "data-score": String(c.score) },
        entityLink(c.partner),
        h("span", { class: "num" }, ` ${c.score.toFixed(2)} `),
        c.reasons.length ? h("span", { class: "meta" }, reasonText(c.reasons[0])) : null,
        mayPropose
          ? [
              " ",
              h(
                "button",
                { type: "button", class: "small propose", onclick: () => propose(app, need, c.partner, place) },
                t("wfPropose"),
              ),
            ]
          : null,
      ),
    ),
  );
}

function needCard(app, need, fields, who) {
  const place = h("div", { class: "card-problem" });
  return h(
    "li",
    {
      class: "card need-card",
      "data-id": need.id,
      "data-enterprise": need.enterpriseUid,
      "data-region": need.enterpriseRegion || "",
    },
    h("p", { class: "need-text" }, need.text),
    needFacts(need, fields),
    h("h4", {}, t("wfCandidates")),
    candidateList(app, need, place, who.mayBroker),
    h(
      "p",
      { class: "actions" },
      h("a", { href: `#/needs/${encodeURIComponent(need.id)}`, class: "button small" }, t("wfOpenNeed")),
      who.mayBroker
        ? [
            " ",
            h(
              "button",
              { type: "button", class: "small docking", onclick: () => takeIntoDocking(app, need, place) },
              t("wfTakeIntoDocking"),
            ),
          ]
        : null,
    ),
    place,
  );
}

export async function renderQueue(app, params) {
  const gen = app.generation;
  app.graph.clear();
  // A node tapped here just grows, as on the home page: no list to keep in step.
  app.expandHandler = null;
  loading(app.panel);
  const region = params.get("region") || "";
  const chain = params.get("chain") || "";
  const loaded = await wfGuard(app, () =>
    Promise.all([entityList("regions"), entityList("chains"), fieldNames(), viewer()]),
  );
  if (!loaded || gen !== app.generation) return;
  const [regions, chains, fields, who] = loaded;
  const regionPicker = picker("region", regions, region, { byName: true });
  const chainPicker = picker("chain", chains, chain);
  const form = h(
    "form",
    { class: "chain-form", id: "queue-form" },
    field(t("region"), regionPicker),
    field(t("chainPick"), chainPicker),
    h("button", { type: "submit" }, t("chainShow")),
  );
  const go = () => {
    location.hash = queueHash(regionPicker.value, chainPicker.value);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go();
  });
  regionPicker.addEventListener("change", go);
  chainPicker.addEventListener("change", go);
  const list = h("ol", { class: "cards needs", id: "queue" });
  const count = h("p", { class: "note", id: "queue-count" });
  const more = h("button", { type: "button", id: "queue-more", hidden: true }, t("wfMore"));
  app.panel.replaceChildren(h("h2", {}, t("wfQueueHeading")), form, count, list, more);
  let after = null;
  const load = async () => {
    more.disabled = true;
    const variables = { region: region || null, chain: chain || null, first: PAGE, after };
    const data = await wfGuard(app, () => gql(NEED_QUEUE, variables));
    if (!data || gen !== app.generation) return;
    const page = data.needQueue;
    for (const edge of page.edges) list.append(needCard(app, edge.node, fields, who));
    after = page.pageInfo.endCursor;
    more.hidden = !page.pageInfo.hasNextPage;
    more.disabled = false;
    count.textContent = list.children.length ? fill("wfShown", { n: list.children.length }) : t("wfQueueEmpty");
  };
  more.addEventListener("click", load);
  await load();
}
