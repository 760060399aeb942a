// Technology-transfer chains drawn as flows: developer → achievement → broker → enterprise → investor → park.
import { gql } from "../api.js";
import { entityLink, h, loading } from "../dom.js";
import { partyName, roleName, t } from "../i18n.js";
import { TRANSFERS_FROM, TRANSFERS_TO } from "../queries.js";

const COLUMN = { developer: 0, achievement: 1, broker: 2, enterprise: 3, investor: 4, park: 5 };
const FORWARD = new Set(["SCIENTIST", "INSTITUTION", "ACHIEVEMENT"]);

// The steps name kinds by class ("ServiceAgency"); the graph styles them by enum ("SERVICE_AGENCY").
const kindEnum = (kind) => kind.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

function stepEdge(chain, step) {
  const of = (role) => chain.steps.find((s) => s.role === role);
  const achievement = of("achievement");
  const enterprise = of("enterprise");
  if (step.role === "developer" && achievement) return { source: step.uid, target: achievement.uid, type: "DEVELOPED" };
  if (step.role === "broker" && achievement) return { source: step.uid, target: achievement.uid, type: "BROKERED" };
  if (step.role === "enterprise" && achievement)
    return { source: achievement.uid, target: step.uid, type: "TRANSFERRED_TO" };
  if (step.role === "investor" && enterprise) return { source: step.uid, target: enterprise.uid, type: "INVESTED_IN" };
  if (step.role === "park" && enterprise) return { source: enterprise.uid, target: step.uid, type: "LOCATED_IN" };
  return null;
}

// Each chain gets a band of its own; a node shared by several chains stays where it was first placed.
export function drawFlows(app, chains, center = null) {
  const nodes = new Map();
  const edges = [];
  chains.forEach((chain, row) => {
    const perColumn = {};
    for (const step of chain.steps) {
      const col = COLUMN[step.role] ?? 6;
      const offset = perColumn[col] || 0;
      perColumn[col] = offset + 1;
      if (!nodes.has(step.uid)) {
        nodes.set(step.uid, {
          uid: step.uid,
          kind: kindEnum(step.kind),
          name: step.name,
          depth: 1,
          position: { x: col * 190, y: row * 110 + offset * 45 },
        });
      }
      const edge = stepEdge(chain, step);
      if (edge) edges.push(edge);
    }
  });
  app.graph.setGraph([...nodes.values()], edges, { center, layout: { name: "preset", fit: true, padding: 30 } });
}

export function flowList(chains) {
  const list = h("ol", { class: "cards flows" });
  for (const chain of chains) {
    const steps = h("ol", { class: "flow" });
    for (const step of chain.steps)
      steps.append(
        h(
          "li",
          {},
          h("span", { class: "tag" }, roleName(step.role)),
          entityLink({ ...step, kind: kindEnum(step.kind) }),
        ),
      );
    list.append(
      h(
        "li",
        { class: chain.complete ? "card complete" : "card" },
        steps,
        h(
          "p",
          { class: "meta" },
          chain.complete ? t("complete") : `${t("missing")}：${chain.missing.map(partyName).join("、")}`,
        ),
      ),
    );
  }
  return list;
}

export async function renderTransfers(app, entity, body) {
  const gen = app.generation;
  body.replaceChildren(h("h3", {}, t("flowsHeading")));
  const forward = FORWARD.has(entity.kind);
  if (!forward && entity.kind !== "ENTERPRISE") {
    body.append(h("p", {}, t("flowsNotApplicable")));
    app.graph.setGraph([{ ...entity, depth: 0 }], [], { center: entity.uid });
    return;
  }
  const holder = h("div");
  body.append(holder);
  loading(holder);
  const data = await app.guard(() => gql(forward ? TRANSFERS_FROM : TRANSFERS_TO, { uid: entity.uid }));
  if (!data || gen !== app.generation) return;
  const chains = data.transferChains;
  if (!chains.length) {
    holder.replaceChildren(h("p", {}, t("flowsNone")));
    app.graph.setGraph([{ ...entity, depth: 0 }], [], { center: entity.uid });
    return;
  }
  drawFlows(app, chains, entity.uid);
  holder.replaceChildren(flowList(chains));
}
