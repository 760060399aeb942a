// The drawn graph: one Cytoscape instance, colour and shape by kind, legend and filters.
import cytoscape from "../vendor/cytoscape.esm.min.js";
import { entityName, kindName, relationName, t } from "./i18n.js";

// Colour and shape together, so kinds stay apart for readers who do not see colour.
export const KIND_STYLE = {
  SCIENTIST: { color: "#1f6fb2", shape: "ellipse" },
  SOCIETY: { color: "#7b4fb0", shape: "hexagon" },
  ENTERPRISE: { color: "#c62828", shape: "round-rectangle" },
  PARK: { color: "#2e7d32", shape: "barrel" },
  INVESTOR: { color: "#e07000", shape: "diamond" },
  SERVICE_AGENCY: { color: "#00838f", shape: "triangle" },
  INSTITUTION: { color: "#795548", shape: "rectangle" },
  WORKSTATION: { color: "#c2185b", shape: "pentagon" },
  ACHIEVEMENT: { color: "#9e9d24", shape: "star" },
  FIELD: { color: "#757575", shape: "tag" },
  INDUSTRY_CHAIN: { color: "#283593", shape: "vee" },
  CHAIN_SEGMENT: { color: "#558b2f", shape: "rhomboid" },
  REGION: { color: "#90a4ae", shape: "octagon" },
  PROGRAMME: { color: "#6d4c41", shape: "concave-hexagon" },
};

// Outlines in a 16×16 box for the legend, drawn to match Cytoscape's shapes closely enough.
const SWATCH = {
  ellipse: null,
  hexagon: "4,1 12,1 16,8 12,15 4,15 0,8",
  "round-rectangle": "1,3 15,3 15,13 1,13",
  barrel: "2,1 14,1 16,8 14,15 2,15 0,8",
  diamond: "8,0 16,8 8,16 0,8",
  triangle: "8,1 16,15 0,15",
  rectangle: "1,1 15,1 15,15 1,15",
  pentagon: "8,0 16,6 13,16 3,16 0,6",
  star: "8,0 10,6 16,6 11,10 13,16 8,12 3,16 5,10 0,6 6,6",
  tag: "0,2 11,2 16,8 11,14 0,14",
  vee: "0,1 8,7 16,1 8,15",
  rhomboid: "4,2 16,2 12,14 0,14",
  octagon: "5,0 11,0 16,5 16,11 11,16 5,16 0,11 0,5",
  "concave-hexagon": "0,1 16,1 12,8 16,15 0,15 4,8",
};

export function swatch(kind) {
  const style = KIND_STYLE[kind] || { color: "#555", shape: "ellipse" };
  const points = SWATCH[style.shape];
  const body = points
    ? `<polygon points="${points}" fill="${style.color}"/>`
    : `<circle cx="8" cy="8" r="7.5" fill="${style.color}"/>`;
  return `<svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">${body}</svg>`;
}

const edgeId = (e) => `${e.source}|${e.type}|${e.target}`;

// Above this many nodes labels are thinned out; this many of each kind keep theirs.
const LABEL_ALL = 30;
const LABELS_PER_KIND = 4;

export class GraphView {
  constructor(container, countEl, kindLegendEl, relationLegendEl) {
    this.countEl = countEl;
    this.kindLegendEl = kindLegendEl;
    this.relationLegendEl = relationLegendEl;
    this.hiddenKinds = new Set();
    this.hiddenRelations = new Set();
    this.onTap = () => {};
    this.cy = cytoscape({
      container,
      minZoom: 0.15,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      style: this.styles(),
    });
    this.cy.on("tap", "node", (event) => this.onTap(event.target.data()));
    // A quiet node's label shows while pointed at.
    this.cy.on("mouseover", "node", (event) => event.target.addClass("hover"));
    this.cy.on("mouseout", "node", (event) => event.target.removeClass("hover"));
  }

  // In a crowded drawing only the centre, the expanded and the first few of each kind carry
  // a label (the rest on pointing or highlighting): 68 overlapping labels read as none.
  quietLabels() {
    const nodes = this.cy.nodes();
    if (nodes.length <= LABEL_ALL) {
      nodes.removeClass("quiet");
      return;
    }
    const shown = new Map();
    nodes.forEach((n) => {
      const kind = n.data("kind");
      const count = shown.get(kind) || 0;
      const always = n.hasClass("center") || n.hasClass("expanded") || n.hasClass("more");
      const loud = always || count < LABELS_PER_KIND;
      if (!always) shown.set(kind, count + 1);
      n.toggleClass("quiet", !loud);
    });
  }

  styles() {
    const base = [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "font-size": 10,
          color: "#1a1a1a",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-wrap": "ellipsis",
          "text-max-width": 110,
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
          width: 22,
          height: 22,
          "border-width": 1,
          "border-color": "#ffffff",
        },
      },
      {
        selector: "node.center",
        style: {
          width: 36,
          height: 36,
          "font-size": 12,
          "font-weight": "bold",
          "border-width": 3,
          "border-color": "#111",
        },
      },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#444", "border-style": "double" } },
      { selector: "node.quiet", style: { label: "" } },
      // "+N": the rest of a kind, drawn when tapped (views/entity.js).
      {
        selector: "node.more",
        style: {
          width: 28,
          height: 28,
          "border-width": 2,
          "border-style": "dashed",
          "border-color": "#555",
          "font-weight": "bold",
        },
      },
      { selector: "node.quiet.hover, node.quiet.hl", style: { label: "data(label)" } },
      {
        selector: "edge",
        style: {
          width: 1.2,
          "line-color": "#9aa5b1",
          "target-arrow-color": "#9aa5b1",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.7,
          "curve-style": "bezier",
        },
      },
      { selector: "edge.virtual", style: { "line-style": "dashed", "target-arrow-shape": "none" } },
      { selector: ".filtered", style: { display: "none" } },
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: "node.hl", style: { "border-width": 4, "border-color": "#ffb300", opacity: 1 } },
      {
        selector: "edge.hl",
        style: {
          width: 4,
          "line-color": "#ff8f00",
          "target-arrow-color": "#ff8f00",
          opacity: 1,
          label: "data(label)",
          "font-size": 9,
          color: "#4e342e",
          "text-background-color": "#fffde7",
          "text-background-opacity": 1,
          "text-rotation": "autorotate",
        },
      },
    ];
    for (const [kind, s] of Object.entries(KIND_STYLE)) {
      base.push({ selector: `node[kind = "${kind}"]`, style: { "background-color": s.color, shape: s.shape } });
    }
    return base;
  }

  nodeElement(n, position) {
    const el = {
      group: "nodes",
      data: { id: n.uid, uid: n.uid, kind: n.kind, name: n.name, nameEn: n.nameEn || null, label: entityName(n) },
    };
    if (n.more) {
      el.data.more = true;
      el.classes = "more";
    }
    if (position || n.position) el.position = position || n.position;
    return el;
  }

  edgeElement(e, extraClasses = "") {
    return {
      group: "edges",
      data: { id: edgeId(e), source: e.source, target: e.target, type: e.type, label: relationName(e.type) },
      classes: extraClasses,
    };
  }

  clear() {
    this.cy.elements().remove();
    this.render();
  }

  // Replace the drawing: the centre in the middle, each ring one hop further out.
  setGraph(nodes, edges, { center = null, layout = "concentric" } = {}) {
    this.cy.batch(() => {
      this.cy.elements().remove();
      // Added kind by kind, so each kind lies on one arc of its ring rather than scattered round it.
      const byKind = [...nodes].sort((a, b) => String(a.kind).localeCompare(String(b.kind)));
      this.cy.add(byKind.map((n) => this.nodeElement(n)));
      this.cy.add(
        edges
          .filter((e) => this.cy.getElementById(e.source).nonempty() && this.cy.getElementById(e.target).nonempty())
          .map((e) => this.edgeElement(e, e.virtual ? "virtual" : "")),
      );
      if (center) this.cy.getElementById(center).addClass("center");
    });
    const depth = new Map(nodes.map((n) => [n.uid, n.depth ?? 1]));
    const options =
      layout === "concentric"
        ? {
            name: "concentric",
            concentric: (node) => 10 - (depth.get(node.id()) ?? 1),
            levelWidth: () => 1,
            minNodeSpacing: 18,
            animate: false,
          }
        : layout;
    this.cy.layout(options).run();
    this.fit();
    this.render();
  }

  // Add what is not drawn yet, in a ring around the node it grew from; the rest stays where it is.
  addGraph(nodes, edges, around) {
    const origin = this.cy.getElementById(around);
    const centre = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
    const fresh = nodes.filter((n) => this.cy.getElementById(n.uid).empty());
    const radius = 60 + fresh.length * 4;
    this.cy.batch(() => {
      fresh.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        this.cy.add(
          this.nodeElement(n, { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) }),
        );
      });
      for (const e of edges) {
        if (this.cy.getElementById(edgeId(e)).nonempty()) continue;
        if (this.cy.getElementById(e.source).empty() || this.cy.getElementById(e.target).empty()) continue;
        this.cy.add(this.edgeElement(e, e.virtual ? "virtual" : ""));
      }
    });
    if (origin.nonempty()) origin.addClass("expanded");
    this.render();
    return fresh.length;
  }

  // After evidence joins the drawing a force layout untangles it; the centre keeps its ring of candidates.
  relayout() {
    this.cy
      .layout({
        name: "cose",
        animate: false,
        randomize: true,
        idealEdgeLength: () => 110,
        nodeRepulsion: () => 400000,
        nodeOverlap: 20,
        numIter: 800,
      })
      .run();
    this.fit();
  }

  has(uid) {
    return this.cy.getElementById(uid).nonempty();
  }

  highlight(uids, edges) {
    const ids = new Set(edges.map(edgeId));
    this.cy.batch(() => {
      this.cy.elements().removeClass("hl").addClass("faded");
      for (const uid of uids) this.cy.getElementById(uid).removeClass("faded").addClass("hl");
      this.cy.edges().forEach((edge) => {
        const d = edge.data();
        const reverse = `${d.target}|${d.type}|${d.source}`;
        if (ids.has(edge.id()) || ids.has(reverse)) edge.removeClass("faded").addClass("hl");
      });
    });
    const shown = this.cy.elements(".hl");
    if (shown.nonempty()) {
      this.cy.fit(shown, 60);
      // A short path would otherwise fill the canvas with two giant nodes.
      if (this.cy.zoom() > 1.2)
        this.cy.zoom({
          level: 1.2,
          position: shown.boundingBox() && {
            x: (shown.boundingBox().x1 + shown.boundingBox().x2) / 2,
            y: (shown.boundingBox().y1 + shown.boundingBox().y2) / 2,
          },
        });
    }
  }

  clearHighlight() {
    this.cy.elements().removeClass("hl faded");
  }

  fit() {
    this.cy.fit(undefined, 30);
    if (this.cy.zoom() > 1.5) this.cy.zoom(1.5);
    this.cy.center();
  }

  applyFilters() {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => n.toggleClass("filtered", this.hiddenKinds.has(n.data("kind"))));
      this.cy.edges().forEach((e) => e.toggleClass("filtered", this.hiddenRelations.has(e.data("type"))));
    });
  }

  // The count, legend and filters follow whatever is drawn; a "+N" marker is no entity.
  render() {
    this.applyFilters();
    this.quietLabels();
    const entities = this.cy.nodes().not(".more");
    const nodes = entities.length;
    const edges = this.cy.edges().length;
    this.countEl.dataset.nodes = String(nodes);
    this.countEl.dataset.edges = String(edges);
    this.countEl.textContent = `${nodes} ${t("nodes")} · ${edges} ${t("edges")}`;
    const kinds = new Map();
    entities.forEach((n) => kinds.set(n.data("kind"), (kinds.get(n.data("kind")) || 0) + 1));
    const relations = new Map();
    this.cy.edges().forEach((e) => relations.set(e.data("type"), (relations.get(e.data("type")) || 0) + 1));
    this.renderLegend(this.kindLegendEl, kinds, this.hiddenKinds, (k) => `${swatch(k)}<span>${kindName(k)}</span>`);
    this.renderLegend(
      this.relationLegendEl,
      relations,
      this.hiddenRelations,
      (r) => `<span class="rel-line" aria-hidden="true"></span><span>${relationName(r)}</span>`,
    );
  }

  renderLegend(el, counts, hidden, labelHtml) {
    el.replaceChildren();
    for (const [key, count] of [...counts.entries()].sort()) {
      const label = document.createElement("label");
      label.className = "legend-item";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = !hidden.has(key);
      box.dataset.key = key;
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(key);
        else hidden.add(key);
        this.applyFilters();
      });
      label.append(box);
      label.insertAdjacentHTML("beforeend", `${labelHtml(key)}<span class="count">${count}</span>`);
      el.append(label);
    }
  }
}
