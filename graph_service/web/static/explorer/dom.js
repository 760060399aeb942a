// Small DOM helpers: every text from the service goes in as text, never as HTML.
// Names from the data sit in an .entity-link or a .name element, so the language tests can
// tell them from the page's own words.
import { entityName, kindName } from "./i18n.js";
import { swatch } from "./graph.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "html") el.innerHTML = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const entityHref = (uid) => `#/entity/${encodeURIComponent(uid)}`;

// A link to an entity page with its kind's swatch, so lists read like the legend.
export function entityLink(entity, extra = {}) {
  const link = h("a", {
    href: entityHref(entity.uid),
    class: "entity-link",
    title: `${kindName(entity.kind)} · ${entity.uid}`,
    ...extra,
  });
  link.insertAdjacentHTML("afterbegin", swatch(entity.kind));
  link.append(h("span", {}, entityName(entity)));
  return link;
}

export function kindBadge(kind) {
  return h("span", { class: "kind-badge" }, kindName(kind));
}

export function loading(panel) {
  panel.replaceChildren(h("p", { class: "loading", role: "status" }, "…"));
}
