// The workflow views' shared parts (issue 21): the legal moves, what the token may do,
// how a need, a step of history and a refused request are shown.
import { ApiError, getToken, gql } from "../api.js";
import { entityLink, h } from "../dom.js";
import {
  actorName,
  bilingual,
  confidentialityName,
  entityName,
  fill,
  introStatusName,
  needStatusName,
  sourceName,
  t,
} from "../i18n.js";
import { FIELDS, VIEWER } from "../queries.js";
import { picker } from "./programmes.js";

export const PAGE = 10;

// The status machines of services/workflow/statuses.py: the buttons offer these moves only.
export const INTRO_MOVES = {
  PROPOSED: ["CONTACTED", "DECLINED"],
  CONTACTED: ["MET", "NO_ANSWER", "DECLINED"],
  MET: ["AGREED", "NO_ANSWER", "DECLINED"],
  NO_ANSWER: ["CONTACTED", "DECLINED"],
  AGREED: [],
  DECLINED: [],
};
export const NEED_MOVES = {
  OPEN: ["IN_DOCKING", "MET", "WITHDRAWN", "EXPIRED"],
  IN_DOCKING: ["OPEN", "MET", "WITHDRAWN", "EXPIRED"],
  MET: [],
  WITHDRAWN: [],
  EXPIRED: [],
};
// What an enterprise may do with its own need; staff make every legal move.
export const ENTERPRISE_NEED_MOVES = ["MET", "WITHDRAWN"];
export const DECLINE_REASONS = [
  "NOT_RELEVANT",
  "TOO_EXPENSIVE",
  "TIMING",
  "HAS_PARTNER",
  "CAPABILITY",
  "NO_RESPONSE",
  "OTHER",
];
export const DECLINE_SIDES = ["ENTERPRISE", "PARTNER"];
export const AGREEMENT_KINDS = ["COLLABORATION", "SERVICE", "INVESTMENT", "TRANSFER"];
export const CONFIDENTIALITY = ["PUBLIC", "MANAGERS_ONLY"];
// The agreement a partner of each kind usually comes to (services/workflow/agreement.py); the
// others stay offered, and the service refuses one the ontology does not allow.
export const USUAL_AGREEMENT = { SERVICE_AGENCY: "SERVICE", INVESTOR: "INVESTMENT", ACHIEVEMENT: "TRANSFER" };

// What the token may do (the API's viewer, from the services' own rules), asked once per token:
// brokers (managers, admins) get every move, an enterprise its own need's, an analyst none.
const viewers = new Map();
export async function viewer() {
  const token = getToken();
  if (!viewers.has(token)) viewers.set(token, (await gql(VIEWER)).viewer);
  return viewers.get(token);
}

// The moves of a need this token may make: all the legal ones for a broker, withdrawing or
// reporting it met for its own enterprise, none for anyone else.
export function needMovesFor(who, need) {
  const legal = NEED_MOVES[need.status] || [];
  if (who.mayBroker) return legal;
  if (who.enterpriseUid && who.enterpriseUid === need.enterpriseUid) {
    return legal.filter((s) => ENTERPRISE_NEED_MOVES.includes(s));
  }
  return [];
}

// The fields of a need's form, for posting (empty) or editing (filled from `need`), ids under
// `prefix`; read() gives them as the GraphQL input holds them.
export function needFormFields(prefix, fields, regions, need = null) {
  const id = (name) => `${prefix}-${name}`;
  const text = h("textarea", { id: id("text"), name: "text", rows: "3", maxlength: "2000", required: true });
  text.value = need ? need.text : "";
  const chosen = new Set(need ? need.fields : []);
  const picked = h(
    "select",
    { id: id("fields"), name: "fields", multiple: true, size: "5" },
    fields.map((f) => h("option", { value: f.uid, selected: chosen.has(f.uid) }, entityName(f))),
  );
  const shown = (value) => (value === null || value === undefined ? "" : String(value));
  const number = (name, value) =>
    h("input", { id: id(name), name, type: "number", min: "0", step: "any", value: shown(value) });
  const low = number("budget-min", need && need.budgetMin);
  const high = number("budget-max", need && need.budgetMax);
  const deadline = h("input", {
    id: id("deadline"),
    name: "deadline",
    type: "date",
    value: shown(need && need.deadline),
  });
  const region = picker(id("region"), regions, need && need.region ? need.region : "", { byName: true });
  const secrecy = h(
    "select",
    { id: id("confidentiality"), name: "confidentiality" },
    CONFIDENTIALITY.map((c) =>
      h("option", { value: c, selected: need ? need.confidentiality === c : false }, confidentialityName(c)),
    ),
  );
  const amount = (input) => (input.value.trim() === "" ? null : Number(input.value.trim()));
  const label = (control, key) => h("label", { for: control.id }, t(key));
  return {
    parts: [
      label(text, "wfText"),
      text,
      label(picked, "wfFields"),
      picked,
      label(low, "wfBudgetMin"),
      low,
      label(high, "wfBudgetMax"),
      high,
      label(deadline, "wfDeadline"),
      deadline,
      label(region, "wfRegionPref"),
      region,
      label(secrecy, "wfConfidentiality"),
      secrecy,
    ],
    read: () => ({
      text: text.value.trim(),
      fields: [...picked.selectedOptions].map((o) => o.value),
      budgetMin: amount(low),
      budgetMax: amount(high),
      deadline: deadline.value || null,
      region: region.value || null,
      confidentiality: secrecy.value,
    }),
  };
}

// Field names for the uids a need carries, and the picker of the posting form.
let fieldList = null;
export async function fieldNames() {
  if (!fieldList) {
    const data = await gql(FIELDS);
    fieldList = data.entities.edges.map((e) => e.node);
  }
  return fieldList;
}

export function fieldsText(uids, fields) {
  if (!uids.length) return t("wfNotGiven");
  const byUid = new Map(fields.map((f) => [f.uid, f]));
  return uids.map((u) => (byUid.has(u) ? entityName(byUid.get(u)) : u)).join(t("listSep"));
}

// A view's loading, as app.guard does it; a refusal for the token says which token is wanted.
export async function wfGuard(app, work) {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ApiError)) console.error(err);
    const shown =
      err instanceof ApiError && err.status === 403
        ? new ApiError(`${err.message} ${t("wfTokenHint")}`, { status: 403, code: err.code })
        : err;
    app.showError(shown);
    return null;
  }
}

// "2026-12-03T09:41:07Z" as "2026-12-03 09:41 UTC".
export function formatAt(iso) {
  const text = String(iso || "");
  return text.length >= 16 ? `${text.slice(0, 10)} ${text.slice(11, 16)} UTC` : text;
}

export function budgetText(need) {
  const { budgetMin: min, budgetMax: max } = need;
  if (min !== null && max !== null) return fill("wfBudgetRange", { min, max });
  if (min !== null) return fill("wfBudgetFrom", { min });
  if (max !== null) return fill("wfBudgetUpTo", { max });
  return t("wfNotGiven");
}

export function statusChip(kind, status) {
  const name = kind === "need" ? needStatusName(status) : introStatusName(status);
  return h("span", { class: `status status-${String(status).toLowerCase()}`, "data-status": status }, name);
}

export function needFacts(need, fields) {
  const dl = h("dl", { class: "details need-facts" });
  const row = (key, label, value) => dl.append(h("dt", {}, label), h("dd", { "data-fact": key }, value));
  if (need.enterprise) row("enterprise", t("wfEnterprise"), entityLink(need.enterprise));
  row("fields", t("wfFields"), fieldsText(need.fields, fields));
  row("budget", t("wfBudget"), budgetText(need));
  row("deadline", t("wfDeadline"), need.deadline || t("wfNotGiven"));
  row("status", t("wfStatus"), statusChip("need", need.status));
  if (need.region) row("region", t("wfRegionPref"), need.region);
  row("confidentiality", t("wfConfidentiality"), confidentialityName(need.confidentiality));
  row("posted", t("wfPostedAt"), formatAt(need.createdAt));
  return dl;
}

// A history, oldest first: each step dated, by whom, with its note.
export function stepsList(steps, kind, id) {
  return h(
    "ol",
    { class: "timeline", id },
    steps.map((s, i) =>
      h(
        "li",
        { "data-step": String(i), "data-to": String(s.toStatus).toUpperCase(), "data-at": s.at },
        h("time", { datetime: s.at }, formatAt(s.at)),
        " ",
        statusChip(kind, String(s.toStatus).toUpperCase()),
        h("span", { class: "by" }, `${t("wfBy")}${t("colon")}${actorName(s.by)}`),
        s.note ? h("span", { class: "step-note" }, s.note) : null,
      ),
    ),
  );
}

export function introItem(intro) {
  return h(
    "li",
    { "data-id": intro.id, "data-status": intro.status },
    h("a", { href: `#/introductions/${encodeURIComponent(intro.id)}`, class: "button small" }, t("wfOpenIntro")),
    " ",
    intro.partner ? entityLink(intro.partner) : intro.partnerUid,
    " ",
    statusChip("intro", intro.status),
    h("span", { class: "meta" }, ` ${sourceName(intro.source)} · ${formatAt(intro.updatedAt)}`),
  );
}

// What a mutation's union answered: null for a payload, else the refusal in the page's language.
export function refusal(result) {
  if (!result || !result.code) return null;
  const problems = (result.problems || []).map((p) => `${p.field}${t("colon")}${bilingual(p.message)}`);
  return [bilingual(result.message), ...problems].join(t("listSep"));
}

// A refused request, said where it was made, with the way on: change it and submit again.
export function showRefusal(place, message) {
  place.replaceChildren(
    h(
      "div",
      { class: "problem", role: "alert" },
      h("p", {}, h("strong", {}, t("wfProblem")), message),
      h("p", { class: "note" }, t("wfFixAndRetry")),
    ),
  );
}

// A record the token may not see, or that does not exist: the service does not say which.
export function showNotFound(app, id) {
  app.panel.replaceChildren(
    h(
      "div",
      { class: "problem", role: "alert", id: "not-found", "data-id": id },
      h("p", {}, h("strong", {}, t("wfNotFound")), ` (${id})`),
      h(
        "ul",
        { class: "ways" },
        h("li", {}, h("a", { href: "#/mine" }, t("wfToMine"))),
        h("li", {}, h("a", { href: "#/queue" }, t("wfToQueue"))),
      ),
    ),
  );
}
