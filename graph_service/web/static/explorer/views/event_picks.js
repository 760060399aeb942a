// The enterprises a matchmaking event may invite: a region's (by name) or an industry
// chain's (its segments'), and the checklist that adds them to the chosen list one by one.
import { gql } from "../api.js";
import { h } from "../dom.js";
import { entityName, fill, t } from "../i18n.js";
import { CHAIN_SEGMENTS, ENTERPRISES_IN_REGION, enterprisesInSegments } from "../queries.js";

const SEGMENT_BATCH = 10; // below the service's alias limit
const PAGE = 100; // the service's page limit
export const LISTED = 100; // the checklist shows this many; the search box finds the rest

const byName = (a, b) => a.name.localeCompare(b.name, "zh-CN") || a.uid.localeCompare(b.uid);

// At least `wanted` of the scope's enterprises in name order (all of a chain's), and how many there are.
export async function scopeEnterprises(asked, wanted) {
  if (asked.region && !asked.chain) {
    const found = [];
    let after = null;
    let total;
    do {
      const page = (await gql(ENTERPRISES_IN_REGION, { region: asked.region, first: PAGE, after })).entities;
      total = page.totalCount;
      found.push(...page.edges.map((e) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && found.length < wanted);
    return { list: found, total };
  }
  const segments = (await gql(CHAIN_SEGMENTS, { chain: asked.chain })).neighborhood.nodes.filter(
    (n) => n.kind === "CHAIN_SEGMENT",
  );
  const found = new Map();
  for (let i = 0; i < segments.length; i += SEGMENT_BATCH) {
    const chunk = segments.slice(i, i + SEGMENT_BATCH);
    const data = await gql(
      enterprisesInSegments(chunk.length),
      Object.fromEntries(chunk.map((s, j) => [`u${j}`, s.uid])),
    );
    for (const view of Object.values(data))
      for (const n of view.nodes)
        if (n.kind === "ENTERPRISE" && (!asked.region || n.region === asked.region)) found.set(n.uid, n);
  }
  const list = [...found.values()].sort(byName);
  return { list, total: list.length };
}

// Ticking a box adds the enterprise to the chooser, unticking removes it; sync() follows the chooser.
export function scopeChecklist(scope, chosen) {
  const shown = scope.list.slice(0, LISTED);
  const boxes = new Map();
  const items = shown.map((e) => {
    const box = h("input", { type: "checkbox", value: e.uid, checked: chosen.has(e.uid) });
    box.addEventListener("change", () => (box.checked ? chosen.add(e) : chosen.remove(e.uid)));
    boxes.set(e.uid, box);
    return h(
      "li",
      { "data-uid": e.uid },
      h("label", { title: e.region || null }, box, h("span", { class: "name" }, entityName(e))),
    );
  });
  // Folded: the chosen list above is what the plan uses; this is where more come from.
  const element = h(
    "details",
    { class: "scope-list", id: "scope-enterprises" },
    h("summary", {}, `${t("pgFromScope")} (${scope.total})`),
    scope.total > shown.length
      ? h("p", { class: "note" }, fill("pgShownOf", { shown: shown.length, total: scope.total }))
      : null,
    h("ul", { class: "checklist" }, items),
  );
  return {
    element,
    sync() {
      for (const [uid, box] of boxes) box.checked = chosen.has(uid);
    },
  };
}
