// 我的需求: an enterprise token's own needs (techNeeds answers only its own) with paging, the
// form to post one, and its introductions; a partner's contact details show only when the
// service returns them (once agreed), with a sentence saying so before.
import { gql } from "../api.js";
import { h, loading } from "../dom.js";
import { t } from "../i18n.js";
import { MY_INTRODUCTIONS, MY_NEEDS, POST_NEED } from "../queries.js";
import { entityList } from "./programmes.js";
import {
  PAGE,
  budgetText,
  fieldNames,
  fieldsText,
  formatAt,
  introItem,
  needFormFields,
  viewer,
  refusal,
  showRefusal,
  statusChip,
  wfGuard,
} from "./workflow.js";

function needItem(need, fields, posted) {
  return h(
    "li",
    { "data-id": need.id, "data-enterprise": need.enterpriseUid, class: need.id === posted ? "posted" : null },
    h("a", { href: `#/needs/${encodeURIComponent(need.id)}`, class: "need-link" }, need.text),
    " ",
    statusChip("need", need.status),
    h(
      "span",
      { class: "meta" },
      ` ${fieldsText(need.fields, fields)} · ${budgetText(need)} · ${need.deadline || t("wfNotGiven")} · ${formatAt(need.createdAt)}`,
    ),
    need.id === posted ? h("strong", { class: "chip", role: "status" }, t("wfPostedOk")) : null,
  );
}

function contactLine(intro) {
  const c = intro.partnerContact;
  if (c && (c.phone || c.email))
    return h(
      "p",
      { class: "contact", "data-contact": "shown" },
      `${t("wfContact")}${t("colon")}${[c.phone, c.email].filter(Boolean).join(" · ")}`,
    );
  if (intro.status !== "AGREED") return h("p", { class: "note contact-later" }, t("wfContactLater"));
  return h("p", { class: "note" }, t("wfNoContact"));
}

function postForm(app, fields, regions, who) {
  const parts = needFormFields("need", fields, regions);
  // Staff post for an enterprise they name; an enterprise's token posts for itself.
  const enterprise = who.mayBroker ? h("input", { id: "need-enterprise", name: "enterprise", type: "text" }) : null;
  const place = h("div", { class: "post-problem" });
  const form = h(
    "form",
    { class: "recommend-controls", id: "post-need" },
    parts.parts,
    who.mayBroker ? [h("label", { for: "need-enterprise" }, t("wfEnterprise")), enterprise] : null,
    h("button", { type: "submit" }, t("wfPost")),
    place,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = {
      ...parts.read(),
      enterprise: enterprise && enterprise.value.trim() ? enterprise.value.trim() : null,
    };
    const data = await wfGuard(app, () => gql(POST_NEED, { input }));
    if (!data) return;
    const problem = refusal(data.postTechNeed);
    if (problem) return showRefusal(place, problem);
    location.hash = `#/mine?posted=${encodeURIComponent(data.postTechNeed.need.id)}`;
  });
  return form;
}

export async function renderMine(app, params) {
  const gen = app.generation;
  app.graph.clear();
  // A node tapped here just grows, as on the home page: no list to keep in step.
  app.expandHandler = null;
  loading(app.panel);
  const posted = params.get("posted") || "";
  const loaded = await wfGuard(app, () =>
    Promise.all([
      gql(MY_NEEDS, { first: PAGE, after: null }),
      gql(MY_INTRODUCTIONS, { first: 20, after: null }),
      fieldNames(),
      entityList("regions"),
      viewer(),
    ]),
  );
  if (!loaded || gen !== app.generation) return;
  const [needs, intros, fields, regions, who] = loaded;
  const list = h("ol", { class: "members", id: "my-needs" });
  const more = h("button", { type: "button", id: "my-needs-more", hidden: true }, t("wfMore"));
  let page = needs.techNeeds;
  const add = () => {
    for (const e of page.edges) list.append(needItem(e.node, fields, posted));
    more.hidden = !page.pageInfo.hasNextPage;
    more.disabled = false;
  };
  add();
  more.addEventListener("click", async () => {
    more.disabled = true;
    const data = await wfGuard(app, () => gql(MY_NEEDS, { first: PAGE, after: page.pageInfo.endCursor }));
    if (!data || gen !== app.generation) return;
    page = data.techNeeds;
    add();
  });
  const introList = intros.introductions.edges.map((e) => {
    const item = introItem(e.node);
    item.append(contactLine(e.node));
    return item;
  });
  app.panel.replaceChildren(
    h("h2", {}, t("wfMineHeading")),
    h("p", { class: "note" }, t("wfMineNote")),
    list.children.length ? list : h("p", { class: "note", id: "my-needs" }, t("wfMineEmpty")),
    more,
    h("h3", {}, t("wfMyIntroductions")),
    introList.length
      ? h("ul", { class: "members", id: "my-introductions" }, introList)
      : h("p", { class: "note", id: "my-introductions" }, t("wfNoIntroductions")),
    ...(who.mayPostNeeds ? [h("h3", {}, t("wfPostHeading")), postForm(app, fields, regions, who)] : []),
  );
}
