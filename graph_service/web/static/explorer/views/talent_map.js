// 产业人才图谱: talentMap as a segment × place heat map, upstream to downstream, with the
// segments whose talent sits mostly outside the region flagged.
import { gql } from "../api.js";
import { h, loading } from "../dom.js";
import { entityName, getLang, reasonText, t } from "../i18n.js";
import { TALENT_MAP } from "../queries.js";
import { heat } from "./chain.js";
import { ask, entityList, field, picker, programmeForm, programmeMenu } from "./programmes.js";

const placeName = (p) => (p.place ? (getLang() === "en" && p.nameEn ? p.nameEn : p.place) : t("pgUnrecorded"));

function heatMap(map) {
  const segments = [...map.segments].sort((a, b) => a.position - b.position);
  const max = Math.max(0, ...segments.flatMap((s) => s.places.map((p) => p.counts.total)));
  const columns = map.places;
  // A column's heading in the page's language: the places carry their English names.
  const named = new Map(segments.flatMap((s) => s.places.map((p) => [p.place, p])));
  const head = h(
    "tr",
    {},
    h("th", {}, t("segment")),
    ...columns.map((place) =>
      h(
        "th",
        { scope: "col", "data-place": place },
        place ? h("span", { class: "name" }, placeName(named.get(place) || { place })) : t("pgUnrecorded"),
      ),
    ),
    h("th", {}, t("pgShareOutside")),
  );
  const rows = segments.map((s) => {
    const byPlace = new Map(s.places.map((p) => [p.place, p]));
    const cells = columns.map((place) => {
      const p = byPlace.get(place);
      const value = p ? p.counts.total : 0;
      const c = p ? p.counts : null;
      const [open, close] = getLang() === "en" ? [" (", ")"] : ["（", "）"];
      const title = c
        ? `${placeName(p)}${t("colon")}${t("scientists")} ${c.scientists}${open}${t("pgAcademicians")} ${c.academicians}${close} · ${t("institutions")} ${c.institutions} · ${t("workstations")} ${c.workstations}`
        : "";
      const { background, color } = heat(value, max);
      return h(
        "td",
        { "data-place": place, "data-total": String(value), title, style: `background:${background};color:${color}` },
        String(value),
      );
    });
    return h(
      "tr",
      { "data-segment": s.uid, class: s.mostlyOutside ? "mostly-outside" : null },
      h(
        "th",
        { scope: "row", title: reasonText(s) },
        h("span", { class: "name" }, entityName(s)),
        s.mostlyOutside ? h("span", { class: "chip flag" }, t("pgMostlyOutside")) : null,
      ),
      ...cells,
      h("td", { class: "num share" }, `${(100 * s.shareOutside).toFixed(0)}%`),
    );
  });
  return h(
    "div",
    { class: "heatmap-wrap" },
    h("table", { class: "heatmap talent-map", id: "talent-map" }, h("thead", {}, head), h("tbody", {}, rows)),
  );
}

export async function renderTalentMap(app, params) {
  const gen = app.generation;
  app.graph.clear();
  loading(app.panel);
  const lists = await app.guard(() => Promise.all([entityList("chains"), entityList("regions")]));
  if (!lists || gen !== app.generation) return;
  const [chains, regions] = lists;
  const chain = params.get("chain") || (chains[0] && chains[0].uid) || "";
  const region = params.get("region") || "";
  const form = programmeForm("talent", [
    field(t("chainPick"), picker("chain", chains, chain, { optional: false })),
    field(t("region"), picker("region", regions, region, { byName: true })),
  ]);
  const body = h("div", { class: "programme-body", id: "talent-body" });
  app.panel.replaceChildren(programmeMenu("talent"), h("h2", {}, t("pgTalent")), form, body);
  if (!chain) return;
  loading(body);
  const data = await ask(app, { body, view: "talent", params, form }, () =>
    gql(TALENT_MAP, { chain, region: region || null }),
  );
  if (!data || gen !== app.generation) return;
  const map = data.talentMap;
  const flagged = map.segments.filter((s) => s.mostlyOutside).sort((a, b) => a.position - b.position);
  body.replaceChildren(
    h("h3", {}, h("span", { class: "name" }, entityName(map))),
    h(
      "p",
      { class: "note", id: "talent-region" },
      `${t("region")}${t("colon")}${getLang() === "en" && map.regionEn ? map.regionEn : map.region}${map.regionDefaulted ? t("pgDefaulted") : ""}`,
    ),
    heatMap(map),
    h("p", { class: "note" }, t("pgTalentLegend")),
    h("h3", {}, `${t("pgMostlyOutside")} (${flagged.length})`),
    h(
      "ul",
      { class: "reasons", id: "talent-outside" },
      flagged.map((s) => h("li", { "data-segment": s.uid }, reasonText(s))),
    ),
  );
}
