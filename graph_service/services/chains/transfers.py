"""transfer_chains: how technology moved from a lab to a company, step by step.

A chain runs scientist or institution → achievement → brokering service agency →
receiving enterprise → investor that funded it → park it sits in, wherever those exist.
Its completeness is which of the four parties of the ecosystem it has: 科学家 (scientist
or institution), 企业家 (the enterprise), 创投家 (an investor) and 科服机构 (an agency).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.store import GraphStore

MAX_CHAINS = 100
PARTIES = ("scientist", "entrepreneur", "investor", "service")
PARTY_NAMES = {"scientist": "科学家", "entrepreneur": "企业家", "investor": "创投家", "service": "科服机构"}


@dataclass(frozen=True, slots=True)
class Step:
    role: str  # developer, achievement, broker, enterprise, investor, park
    uid: str
    name: str
    kind: str
    relation: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TransferChain:
    steps: tuple[Step, ...]
    parties: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def _present(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i.get("node") and i["node"].get("uid")]


def _chain(row: dict[str, Any]) -> TransferChain:
    steps: list[Step] = []
    for dev in sorted(_present(row["developers"]), key=lambda d: d["node"]["uid"]):
        n = dev["node"]
        steps.append(Step("developer", n["uid"], n["name"], n["kind"], "DEVELOPED", dict(dev["props"] or {})))
    a = row["achievement"]
    steps.append(Step("achievement", a["uid"], a["name"], a["kind"]))
    for broker in sorted(_present(row["brokers"]), key=lambda b: b["node"]["uid"]):
        n = broker["node"]
        steps.append(Step("broker", n["uid"], n["name"], n["kind"], "BROKERED", dict(broker["props"] or {})))
    e = row["enterprise"]
    steps.append(Step("enterprise", e["uid"], e["name"], e["kind"], "TRANSFERRED_TO", dict(row["transfer"] or {})))
    for inv in sorted(_present(row["investors"]), key=lambda i: i["node"]["uid"]):
        n = inv["node"]
        steps.append(Step("investor", n["uid"], n["name"], n["kind"], "INVESTED_IN", dict(inv["props"] or {})))
    for park in sorted((p for p in row["parks"] if p and p.get("uid")), key=lambda p: p["uid"]):
        steps.append(Step("park", park["uid"], park["name"], park["kind"], "LOCATED_IN"))
    roles = {s.role for s in steps}
    have = {
        "scientist": "developer" in roles,
        "entrepreneur": True,
        "investor": "investor" in roles,
        "service": "broker" in roles,
    }
    parties = tuple(p for p in PARTIES if have[p])
    return TransferChain(tuple(steps), parties, tuple(p for p in PARTIES if not have[p]))


def transfer_chains(
    store: GraphStore,
    *,
    source: str | None = None,
    target: str | None = None,
    complete: bool | None = None,
    first: int = 20,
) -> list[TransferChain]:
    """Chains forward from a scientist, institution or achievement, backward to an enterprise, or between two."""
    if not 1 <= first <= MAX_CHAINS:
        raise LimitExceededError(f"first must be between 1 and {MAX_CHAINS} / 最多返回 {MAX_CHAINS} 条")
    anchor = source or target
    if not anchor:
        raise InvalidInputError("give from, to or both / 请指定起点或终点")
    rows = store.read("transfer_anchor", {"uid": anchor})
    if not rows:
        raise NotFoundError(f"no entity with uid '{anchor}' / 不存在标识为「{anchor}」的实体")
    if target and source:
        found = store.read("transfer_anchor", {"uid": target})
        if not found:
            raise NotFoundError(f"no entity with uid '{target}' / 不存在标识为「{target}」的实体")
    achievements = sorted(set(rows[0]["achievements"] or []))
    chains = [_chain(row) for row in store.read("transfer_chains", {"achievements": achievements, "to": target or ""})]
    if source and not target:
        # Forward: only what the source developed (the anchor query also lists what it received).
        chains = [c for c in chains if source in {s.uid for s in c.steps if s.role in ("developer", "achievement")}]
    if complete is not None:
        chains = [c for c in chains if c.complete is complete]
    chains.sort(key=lambda c: (-len(c.parties), [s.uid for s in c.steps]))
    return chains[:first]
