// Warm introductions: pick two entities, see the shortest and next-shortest paths between them.
import { gql } from "../api.js";
import { entityLink, h, loading } from "../dom.js";
import { entityName, kindName, relationName, t } from "../i18n.js";
import { ENTITY, PATHS, SEARCH } from "../queries.js";

// A search field that settles on one entity; the chosen uid lives in the hidden input.
function picker(id, label, initial) {
  const hidden = h("input", { type: "hidden", id: `${id}-uid`, value: initial ? initial.uid : "" });
  const input = h("input", {
    type: "search",
    id,
    autocomplete: "off",
    value: initial ? entityName(initial) : "",
    placeholder: t("pathsPick"),
    "aria-controls": `${id}-options`,
  });
  const options = h("ul", { class: "search-results inline", id: `${id}-options`, hidden: true });
  let timer = 0;
  input.addEventListener("input", () => {
    hidden.value = "";
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = input.value.trim();
      if ([...text].length < 2) {
        options.hidden = true;
        return;
      }
      const data = await gql(SEARCH, { text }).catch(() => null);
      if (!data) return;
      options.replaceChildren();
      for (const hit of data.search) {
        const e = hit.entity;
        const choose = h(
          "button",
          { type: "button", class: "option", "data-uid": e.uid },
          `${entityName(e)} · ${kindName(e.kind)}`,
        );
        choose.addEventListener("click", () => {
          hidden.value = e.uid;
          input.value = entityName(e);
          options.hidden = true;
          input.focus();
        });
        options.append(h("li", {}, choose));
      }
      options.hidden = !data.search.length;
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !options.hidden) {
      event.preventDefault();
      options.querySelector("button")?.focus();
    }
  });
  return { element: h("div", { class: "picker" }, h("label", { for: id }, label), input, hidden, options), hidden };
}

async function lookup(uid) {
  if (!uid) return null;
  const data = await gql(ENTITY, { uid });
  return data.entity;
}

export async function renderPaths(app, fromUid, toUid, maxHops) {
  const gen = app.generation;
  app.expandHandler = null;
  loading(app.panel);
  const ends = await app.guard(() => Promise.all([lookup(fromUid), lookup(toUid)]));
  if (!ends || gen !== app.generation) return;
  const [from, to] = ends;
  const fromPicker = picker("path-from", t("pathsFrom"), from);
  const toPicker = picker("path-to", t("pathsTo"), to);
  const hops = h("select", { id: "path-hops" });
  for (let n = 2; n <= 6; n += 1) hops.append(h("option", { value: n, selected: n === maxHops }, String(n)));
  const form = h(
    "form",
    { class: "paths-form" },
    fromPicker.element,
    toPicker.element,
    h("label", { for: "path-hops" }, t("pathsMaxHops")),
    hops,
    h("button", { type: "submit" }, t("pathsFind")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const a = fromPicker.hidden.value;
    const b = toPicker.hidden.value;
    if (!a || !b) {
      app.showError(new Error(t("pathsNeedBoth")));
      return;
    }
    location.hash = `#/paths?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}&hops=${hops.value}`;
  });
  const results = h("div", { class: "paths-results" });
  app.panel.replaceChildren(h("h2", {}, t("pathsHeading")), form, results);
  app.graph.clear();
  if (!from || !to) return;
  loading(results);
  const data = await app.guard(() => gql(PATHS, { from: from.uid, to: to.uid, maxHops }));
  if (!data || gen !== app.generation) return;
  const paths = data.paths;
  if (!paths.length) {
    results.replaceChildren(h("p", {}, t("pathsNone")));
    app.graph.setGraph(
      [
        { ...from, depth: 0 },
        { ...to, depth: 1 },
      ],
      [],
      { center: from.uid },
    );
    return;
  }
  // All paths in one drawing, each ring one hop further from the start.
  const nodes = new Map();
  for (const p of paths) p.nodes.forEach((n, i) => nodes.has(n.uid) || nodes.set(n.uid, { ...n, depth: i }));
  app.graph.setGraph(
    [...nodes.values()],
    paths.flatMap((p) => p.edges),
    {
      center: from.uid,
      layout: { name: "breadthfirst", roots: [from.uid], directed: false, spacingFactor: 1.1, animate: false },
    },
  );
  const list = h("ol", { class: "cards paths" });
  paths.forEach((p, i) => {
    const chain = h("ol", { class: "flow" });
    p.nodes.forEach((n, j) => {
      const item = h("li", {}, entityLink(n));
      const edge = p.edges[j];
      // The arrow follows the tie as recorded: 某公司 —位于→ 成都高新区 reads ←位于— from the park's side.
      if (edge) {
        const forward = edge.source === n.uid;
        const label = forward ? ` —${relationName(edge.type)}→` : ` ←${relationName(edge.type)}—`;
        item.append(h("span", { class: "meta tie", "data-direction": forward ? "forward" : "backward" }, label));
      }
      chain.append(item);
    });
    const show = h("button", { type: "button", class: "small" }, t("showPath"));
    show.addEventListener("click", () =>
      app.graph.highlight(
        p.nodes.map((n) => n.uid),
        p.edges,
      ),
    );
    list.append(
      h(
        "li",
        { class: "card" },
        h(
          "div",
          { class: "card-head" },
          h("strong", {}, `${t("path")} ${i + 1}`),
          h("span", { class: "meta" }, ` ${p.length} ${t("hops")}`),
        ),
        chain,
        show,
      ),
    );
  });
  results.replaceChildren(list);
  app.graph.highlight(
    paths[0].nodes.map((n) => n.uid),
    paths[0].edges,
  );
}
