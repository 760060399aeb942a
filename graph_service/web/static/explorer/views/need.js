// A technology need's page: what it asks, its status history, its introductions, and the legal
// moves of its status (an enterprise: report it met or withdraw it; brokers: every legal move).
import { gql } from "../api.js";
import { h, loading } from "../dom.js";
import { fill, needStatusName, t } from "../i18n.js";
import { CHANGE_NEED_STATUS, EDIT_NEED, NEED_CANDIDATES, TECH_NEED } from "../queries.js";
import { entityList } from "./programmes.js";
import { candidateList } from "./queue.js";
import {
  needFormFields,
  needMovesFor,
  NEED_MOVES,
  fieldNames,
  introItem,
  viewer,
  needFacts,
  refusal,
  showNotFound,
  showRefusal,
  statusChip,
  stepsList,
  wfGuard,
} from "./workflow.js";

// Staff propose from a need still open or in docking: its best candidates, asked after the page shows.
function candidates(app, need, gen) {
  const box = h(
    "section",
    { id: "need-candidates" },
    h("h3", {}, t("wfCandidates")),
    h("p", { class: "loading" }, "…"),
  );
  const place = h("div", { class: "card-problem" });
  wfGuard(app, () => gql(NEED_CANDIDATES, { id: need.id })).then((data) => {
    if (!data || !data.techNeed || gen !== app.generation) return;
    box.querySelector(".loading").replaceWith(candidateList(app, data.techNeed, place, true), place);
  });
  return box;
}

function moves(app, need, who, redraw) {
  const allowed = needMovesFor(who, need);
  if (!allowed.length) {
    const final = !(NEED_MOVES[need.status] || []).length;
    return h("p", { class: "note", id: "need-moves" }, t(final ? "wfFinal" : "wfReadOnly"));
  }
  const note = h("input", { type: "text", id: "need-move-note", name: "note", maxlength: "500" });
  const place = h("div", { class: "move-problem" });
  const move = async (to) => {
    const data = await wfGuard(app, () => gql(CHANGE_NEED_STATUS, { id: need.id, to, note: note.value.trim() }));
    if (!data) return;
    const problem = refusal(data.changeTechNeedStatus);
    if (problem) return showRefusal(place, problem);
    await redraw();
  };
  return h(
    "div",
    { class: "moves", id: "need-moves" },
    h("label", { class: "pg-field" }, h("span", {}, t("wfNote")), note),
    allowed.map((to) =>
      h(
        "button",
        { type: "button", class: "small move", "data-to": to, onclick: () => move(to) },
        fill("wfMoveTo", { status: needStatusName(to) }),
      ),
    ),
    place,
  );
}

// Who may edit a need: who may post it (a broker, or the enterprise itself), while it is
// open or in docking; the service checks the same.
function mayEdit(who, need) {
  const own = who.enterpriseUid && who.enterpriseUid === need.enterpriseUid;
  return (who.mayBroker || own) && ["OPEN", "IN_DOCKING"].includes(need.status);
}

// The posting form's fields filled from the need, folded away until opened; saved, the page redraws.
function editForm(app, need, fields, regions, redraw) {
  const parts = needFormFields("edit", fields, regions, need);
  const note = h("input", { type: "text", id: "edit-note", name: "note", maxlength: "500" });
  const place = h("div", { class: "post-problem" });
  const form = h(
    "form",
    { class: "recommend-controls", id: "edit-need" },
    parts.parts,
    h("label", { for: "edit-note" }, t("wfNote")),
    note,
    h("button", { type: "submit" }, t("wfSaveEdit")),
    place,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const variables = { id: need.id, input: parts.read(), note: note.value.trim() };
    const data = await wfGuard(app, () => gql(EDIT_NEED, variables));
    if (!data) return;
    const problem = refusal(data.editTechNeed);
    if (problem) return showRefusal(place, problem);
    await redraw();
  });
  return h("details", { id: "need-edit" }, h("summary", {}, t("wfEditHeading")), form);
}

export async function renderNeed(app, id) {
  const gen = app.generation;
  app.graph.clear();
  // A node tapped here just grows, as on the home page: no list to keep in step.
  app.expandHandler = null;
  loading(app.panel);
  const redraw = async () => {
    const loaded = await wfGuard(app, () =>
      Promise.all([gql(TECH_NEED, { id }), viewer(), fieldNames(), entityList("regions")]),
    );
    if (!loaded || gen !== app.generation) return;
    const [data, who, fields, regions] = loaded;
    const need = data.techNeed;
    if (!need) return showNotFound(app, id);
    const intros = need.introductions.edges.map((e) => e.node);
    app.panel.replaceChildren(
      h(
        "h2",
        { class: "entity-title", id: "need-title", "data-id": need.id },
        t("wfNeedHeading"),
        " ",
        statusChip("need", need.status),
      ),
      h("p", { class: "need-text" }, need.text),
      needFacts(need, fields),
      h("h3", {}, t("wfNeedMoves")),
      moves(app, need, who, redraw),
      mayEdit(who, need) ? editForm(app, need, fields, regions, redraw) : "",
      who.mayBroker && ["OPEN", "IN_DOCKING"].includes(need.status) ? candidates(app, need, gen) : "",
      h("h3", {}, t("wfHistory")),
      stepsList(need.history, "need", "need-history"),
      h("h3", {}, `${t("wfIntroductions")} (${intros.length})`),
      intros.length
        ? h("ul", { class: "members", id: "need-introductions" }, intros.map(introItem))
        : h("p", { class: "note", id: "need-introductions" }, t("wfNoIntroductions")),
      who.mayReadQueue
        ? h("p", {}, h("a", { href: "#/queue" }, t("wfToQueue")))
        : h("p", {}, h("a", { href: "#/mine" }, t("wfToMine"))),
    );
  };
  await redraw();
}
