// A list of picked entities kept in a hidden input as comma-separated uids, so the form
// writes it into the URL: a search box adds (only the kinds asked), a button beside each
// entry removes it.
import { gql } from "../api.js";
import { entityLink, h, kindBadge } from "../dom.js";
import { entityName, kindName, t } from "../i18n.js";
import { SEARCH_KINDS } from "../queries.js";

export function chooser({ name, legend, placeholder, kinds, picked = [], note = null, onChange = () => {} }) {
  const chosen = new Map(picked.map((e) => [e.uid, e]));
  const hidden = h("input", { type: "hidden", name, id: `${name}-uids` });
  const count = h("span", { class: "count" });
  const list = h("ul", { class: "chosen", id: `${name}-chosen` });
  const input = h("input", {
    type: "search",
    id: `${name}-search`,
    autocomplete: "off",
    placeholder,
    "aria-label": placeholder,
    "aria-controls": `${name}-options`,
  });
  const options = h("ul", { class: "search-results inline", id: `${name}-options`, hidden: true });
  const element = h(
    "fieldset",
    { class: "chooser", id: `${name}-chooser` },
    h("legend", {}, h("span", { class: "label" }, legend), " (", count, ")"),
    note ? h("p", { class: "note" }, note) : null,
    list,
    h("div", { class: "picker" }, input, options),
    hidden,
  );

  const show = () => {
    hidden.value = [...chosen.keys()].join(",");
    count.textContent = String(chosen.size);
    const rows = [...chosen.values()].map((e) =>
      h(
        "li",
        { "data-uid": e.uid },
        entityLink(e),
        kindBadge(e.kind),
        h(
          "button",
          {
            type: "button",
            class: "small remove",
            "aria-label": `${t("pgRemove")} ${entityName(e)}`,
            onclick: () => api.remove(e.uid),
          },
          t("pgRemove"),
        ),
      ),
    );
    list.replaceChildren(...(rows.length ? rows : [h("li", { class: "none note" }, t("pgNoneChosen"))]));
  };

  const api = {
    element,
    has: (uid) => chosen.has(uid),
    uids: () => [...chosen.keys()],
    add(entity) {
      if (chosen.has(entity.uid)) return;
      chosen.set(entity.uid, entity);
      show();
      onChange();
    },
    remove(uid) {
      if (!chosen.delete(uid)) return;
      show();
      onChange();
    },
    replace(entities) {
      chosen.clear();
      for (const e of entities) chosen.set(e.uid, e);
      show();
      onChange();
    },
  };

  let timer = 0;
  let asked = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = input.value.trim();
      const ticket = ++asked;
      if ([...text].length < 2) {
        options.hidden = true;
        return;
      }
      const wanted = typeof kinds === "function" ? kinds() : kinds;
      const data = await gql(SEARCH_KINDS, { text, kinds: wanted && wanted.length ? wanted : null }).catch(() => null);
      if (!data || ticket !== asked) return;
      options.replaceChildren();
      for (const hit of data.search) {
        const e = hit.entity;
        const listed = chosen.has(e.uid);
        const label =
          [entityName(e), kindName(e.kind), e.region].filter(Boolean).join(" · ") + (listed ? t("pgAlready") : "");
        const choose = h("button", { type: "button", class: "option", "data-uid": e.uid, disabled: listed }, label);
        choose.addEventListener("click", () => {
          api.add(e);
          input.value = "";
          options.hidden = true;
          input.focus();
        });
        options.append(h("li", {}, choose));
      }
      if (!data.search.length) options.append(h("li", { class: "none" }, t("searchNone")));
      options.hidden = false;
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    // Enter picks the first hit; it must not submit the whole form half-edited.
    if (event.key === "Enter") {
      event.preventDefault();
      const first = options.hidden ? null : options.querySelector("button:not([disabled])");
      if (first) first.click();
    } else if (event.key === "ArrowDown" && !options.hidden) {
      event.preventDefault();
      options.querySelector("button")?.focus();
    } else if (event.key === "Escape") options.hidden = true;
  });
  options.addEventListener("keydown", (event) => {
    const buttons = [...options.querySelectorAll("button")];
    const i = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i >= 0 && i < buttons.length - 1) {
      event.preventDefault();
      buttons[i + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (i > 0) buttons[i - 1].focus();
      else input.focus();
    } else if (event.key === "Escape") {
      options.hidden = true;
      input.focus();
    }
  });
  show();
  return api;
}
