// An introduction's timeline: the parties, the need, each step dated with who made it and the
// note, the decline reason or the agreement and the relationship it wrote; staff get the legal
// next moves only (decline asks for a reason, agree for the agreement kind), each shown at once.
import { gql } from "../api.js";
import { entityHref, entityLink, h, loading } from "../dom.js";
import {
  agreementName,
  declineReasonName,
  declineSideName,
  fieldLabel,
  fill,
  introStatusName,
  relationName,
  sourceName,
  t,
} from "../i18n.js";
import { ADVANCE_INTRODUCTION, INTRODUCTION } from "../queries.js";
import {
  AGREEMENT_KINDS,
  DECLINE_REASONS,
  DECLINE_SIDES,
  INTRO_MOVES,
  USUAL_AGREEMENT,
  formatAt,
  viewer,
  refusal,
  showNotFound,
  showRefusal,
  statusChip,
  stepsList,
  wfGuard,
} from "./workflow.js";

const options = (values, namer, selected) =>
  values.map((v) => h("option", { value: v, selected: v === selected }, namer(v)));

function contact(intro) {
  const box = h("div", { class: "contact", id: "intro-contact" }, h("h3", {}, t("wfContact")));
  const c = intro.partnerContact;
  if (c && (c.phone || c.email)) {
    const dl = h("dl", { class: "details" });
    if (c.phone) dl.append(h("dt", {}, fieldLabel("phone")), h("dd", { "data-contact": "phone" }, c.phone));
    if (c.email) dl.append(h("dt", {}, fieldLabel("email")), h("dd", { "data-contact": "email" }, c.email));
    box.append(dl);
  } else if (intro.status !== "AGREED") box.append(h("p", { class: "note contact-later" }, t("wfContactLater")));
  else box.append(h("p", { class: "note" }, t("wfNoContact")));
  return box;
}

function outcome(intro) {
  const out = [];
  if (intro.decline) {
    const d = intro.decline;
    out.push(
      h("h3", {}, t("wfDecline")),
      h(
        "dl",
        { class: "details", id: "intro-decline", "data-reason": d.reason },
        h("dt", {}, t("wfReason")),
        h("dd", { class: "decline-reason" }, declineReasonName(d.reason)),
        d.text ? [h("dt", {}, t("wfNote")), h("dd", { class: "decline-text" }, d.text)] : null,
        d.side ? [h("dt", {}, t("wfDeclineSide")), h("dd", {}, declineSideName(d.side))] : null,
      ),
    );
  }
  if (intro.agreement) {
    const a = intro.agreement;
    const parties = new Map([intro.enterprise, intro.partner].filter(Boolean).map((e) => [e.uid, e]));
    const end = (uid) => (parties.has(uid) ? entityLink(parties.get(uid)) : h("a", { href: entityHref(uid) }, uid));
    out.push(
      h("h3", {}, t("wfAgreement")),
      h(
        "dl",
        { class: "details", id: "intro-agreement", "data-kind": a.kind, "data-relation": a.relation },
        h("dt", {}, t("wfAgreementKind")),
        h("dd", {}, agreementName(a.kind)),
        h("dt", {}, t("wfRelationCreated")),
        h(
          "dd",
          { class: "relation", "data-source": a.source, "data-target": a.target },
          end(a.source),
          ` —${relationName(a.relation)}→ `,
          end(a.target),
        ),
      ),
    );
  }
  return out;
}

// The details a move asks for: a reason (and text, side) to decline, the kind to agree.
function detailsFor(to, intro) {
  if (to === "DECLINED") {
    return {
      controls: [
        h(
          "label",
          { class: "pg-field" },
          h("span", {}, t("wfReason")),
          h("select", { id: "decline-reason" }, options(DECLINE_REASONS, declineReasonName)),
        ),
        h(
          "label",
          { class: "pg-field" },
          h("span", {}, t("wfReasonText")),
          h("input", { type: "text", id: "decline-text", maxlength: "500" }),
        ),
        h(
          "label",
          { class: "pg-field" },
          h("span", {}, t("wfDeclineSide")),
          h(
            "select",
            { id: "decline-side" },
            h("option", { value: "" }, t("wfSideUnsaid")),
            options(DECLINE_SIDES, declineSideName),
          ),
        ),
      ],
      read: (form) => ({
        decline: {
          reason: form.querySelector("#decline-reason").value,
          text: form.querySelector("#decline-text").value.trim(),
          side: form.querySelector("#decline-side").value || null,
        },
      }),
    };
  }
  if (to === "AGREED") {
    const usual = USUAL_AGREEMENT[intro.partnerKind] || "COLLABORATION";
    return {
      controls: [
        h(
          "label",
          { class: "pg-field" },
          h("span", {}, t("wfAgreementKind")),
          h("select", { id: "agreement-kind" }, options(AGREEMENT_KINDS, agreementName, usual)),
        ),
      ],
      read: (form) => ({ agreement: form.querySelector("#agreement-kind").value }),
    };
  }
  return null;
}

function moves(app, intro, draw) {
  const allowed = INTRO_MOVES[intro.status] || [];
  if (!allowed.length) return h("p", { class: "note", id: "intro-moves" }, t("wfFinal"));
  const note = h("input", { type: "text", id: "move-note", name: "note", maxlength: "500" });
  const asked = h("div", { class: "move-details", id: "move-details" });
  const place = h("div", { class: "move-problem" });
  const send = async (to, extra = {}) => {
    const input = { id: intro.id, to, note: note.value.trim(), ...extra };
    const data = await wfGuard(app, () => gql(ADVANCE_INTRODUCTION, { input }));
    if (!data) return;
    const result = data.advanceIntroduction;
    const problem = refusal(result);
    if (problem) return showRefusal(place, problem);
    draw(result.introduction);
  };
  const ask = (to) => {
    const details = detailsFor(to, intro);
    if (!details) return send(to);
    const form = h(
      "form",
      { class: "chain-form", id: `move-${to.toLowerCase()}` },
      details.controls,
      h("button", { type: "submit", class: "confirm" }, t("wfConfirm")),
      h("button", { type: "button", class: "cancel", onclick: () => asked.replaceChildren() }, t("wfCancel")),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(to, details.read(form));
    });
    asked.replaceChildren(form);
    form.querySelector("select").focus();
  };
  return h(
    "div",
    { class: "moves", id: "intro-moves" },
    h("label", { class: "pg-field" }, h("span", {}, t("wfNote")), note),
    allowed.map((to) =>
      h(
        "button",
        { type: "button", class: "small move", "data-to": to, onclick: () => ask(to) },
        fill("wfMoveTo", { status: introStatusName(to) }),
      ),
    ),
    asked,
    place,
  );
}

function facts(intro) {
  const dl = h("dl", { class: "details intro-facts" });
  const row = (key, label, ...value) => dl.append(h("dt", {}, label), h("dd", { "data-fact": key }, ...value));
  row("enterprise", t("wfEnterprise"), intro.enterprise ? entityLink(intro.enterprise) : "");
  row("partner", t("wfPartner"), intro.partner ? entityLink(intro.partner) : "");
  if (intro.need) {
    const href = `#/needs/${encodeURIComponent(intro.need.id)}`;
    row(
      "need",
      t("wfNeed"),
      h("a", { href, class: "need-link" }, intro.need.text),
      " ",
      statusChip("need", intro.need.status),
    );
  } else row("need", t("wfNeed"), t("wfNoNeed"));
  row("source", t("wfSource"), sourceName(intro.source));
  if (intro.note) row("note", t("wfNote"), intro.note);
  row("updated", t("wfUpdatedAt"), formatAt(intro.updatedAt));
  return dl;
}

// The two parties beside the timeline: the relationship an agreement wrote, else a dashed tie.
function drawParties(app, intro) {
  if (!intro.enterprise || !intro.partner) return;
  const nodes = [
    { ...intro.enterprise, depth: 0 },
    { ...intro.partner, depth: 1 },
  ];
  const a = intro.agreement;
  const edge = a
    ? { source: a.source, target: a.target, type: a.relation }
    : { source: intro.enterprise.uid, target: intro.partner.uid, type: "RECOMMENDED", virtual: true };
  app.graph.setGraph(nodes, [edge], { center: intro.enterprise.uid });
}

export async function renderIntroduction(app, id) {
  const gen = app.generation;
  app.graph.clear();
  // A node tapped here just grows, as on the home page: no list to keep in step.
  app.expandHandler = null;
  loading(app.panel);
  const loaded = await wfGuard(app, () => Promise.all([gql(INTRODUCTION, { id }), viewer()]));
  if (!loaded || gen !== app.generation) return;
  const [data, who] = loaded;
  if (!data.introduction) return showNotFound(app, id);
  const draw = (intro) => {
    app.panel.replaceChildren(
      h(
        "h2",
        { class: "entity-title", id: "intro-title", "data-id": intro.id, "data-status": intro.status },
        t("wfIntroHeading"),
        " ",
        statusChip("intro", intro.status),
      ),
      facts(intro),
      h("h3", {}, t("wfTimeline")),
      stepsList(intro.history, "intro", "intro-timeline"),
      ...outcome(intro),
      contact(intro),
      ...(who.mayBroker ? [h("h3", {}, t("wfNextMoves")), moves(app, intro, draw)] : []),
    );
    drawParties(app, intro);
  };
  draw(data.introduction);
}
