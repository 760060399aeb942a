// 工作站评估: reviewWorkstations' ranked stations with a verdict chip each (renew, watch,
// consider closing) and the reasons, then the candidate hosts for new stations.
import { gql } from "../api.js";
import { entityLink, h, kindBadge, loading } from "../dom.js";
import { kindCode, reasonText, t } from "../i18n.js";
import { REVIEW_WORKSTATIONS } from "../queries.js";
import {
  ask,
  badNumber,
  entityList,
  field,
  figure,
  intParam,
  numberInput,
  picker,
  programmeForm,
  programmeMenu,
} from "./programmes.js";

const VERDICTS = { RENEW: "pgRenew", WATCH: "pgWatch", CONSIDER_CLOSING: "pgClose" };

function stationRow(s, i) {
  const a = s.activity;
  return h(
    "li",
    { class: "card station", "data-uid": s.uid, "data-verdict": s.verdict, "data-score": String(s.score) },
    h(
      "div",
      { class: "card-head" },
      h("strong", {}, `${i + 1}. `),
      entityLink({ ...s, kind: "WORKSTATION" }),
      h("span", { class: `chip verdict verdict-${s.verdict.toLowerCase()}` }, t(VERDICTS[s.verdict])),
    ),
    h(
      "p",
      {},
      `${t("pgActivity")} `,
      h("span", { class: "score num" }, String(s.score)),
      s.host ? ` · ${t("pgHost")} ` : null,
      s.host ? entityLink({ ...s.host, kind: kindCode(s.host.kind) }) : null,
    ),
    h(
      "p",
      { class: "note" },
      `${t("pgExperts")} ${a.experts} · ${t("pgAcademicians")} ${a.academicians} · ${t("pgCollaborations")} ${a.collaborations} · ${t("pgDeveloped")} ${a.developed} · ${t("pgTransferred")} ${a.transferred}`,
    ),
    h(
      "details",
      {},
      h("summary", {}, t("reasons")),
      h(
        "ul",
        { class: "reasons" },
        s.reasons.map((r) => h("li", {}, reasonText(r))),
      ),
    ),
  );
}

function candidateRow(c) {
  return h(
    "li",
    { class: "card candidate", "data-uid": c.uid, "data-score": String(c.score) },
    h(
      "div",
      { class: "card-head" },
      entityLink(c),
      kindBadge(c.kind),
      h("span", { class: "num" }, ` ${t("score")} ${c.score}`),
    ),
    h(
      "ul",
      { class: "reasons" },
      c.reasons.map((r) => h("li", {}, reasonText(r))),
    ),
  );
}

export async function renderWorkstations(app, params) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const regions = await app.guard(() => entityList("regions"));
  if (!regions || gen !== app.generation) return;
  const region = params.get("region") || "";
  const since = intParam(params, "since", null);
  const form = programmeForm("workstations", [
    field(t("region"), picker("region", regions, region, { byName: true })),
    field(t("pgSince"), numberInput("since", since, 1950, 2100)),
  ]);
  const body = h("div", { class: "programme-body", id: "workstations-body" });
  app.panel.replaceChildren(programmeMenu("workstations"), h("h2", {}, t("pgWorkstations")), form, body);
  const place = { body, view: "workstations", params, form };
  if (badNumber(place, ["since"])) return;
  loading(body);
  const data = await ask(app, place, () => gql(REVIEW_WORKSTATIONS, { region: region || null, since }));
  if (!data || gen !== app.generation) return;
  const review = data.reviewWorkstations;
  body.replaceChildren(
    h(
      "dl",
      { class: "figures" },
      figure("reviewed", t("pgReviewed"), review.reviewed),
      figure("renew", t("pgRenew"), review.verdicts.renew),
      figure("watch", t("pgWatch"), review.verdicts.watch),
      figure("considerClosing", t("pgClose"), review.verdicts.considerClosing),
    ),
    h("p", { class: "note" }, reasonText(review.rule)),
    h("h3", {}, t("pgStations")),
    h("ol", { class: "cards stations", id: "stations" }, review.stations.map(stationRow)),
    h("h3", {}, `${t("pgCandidates")} (${review.candidates.length})`),
    h("ol", { class: "cards candidates", id: "candidates" }, review.candidates.map(candidateRow)),
  );
}
