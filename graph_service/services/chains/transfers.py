"""transfer_chains: how technology moved from a lab to a company, step by step.

A link runs scientist or institution → achievement → brokering service agency →
receiving enterprise → investor that funded it → park it sits in, wherever those exist.
A chain is one link or several: when the receiving enterprise developed an achievement
that moved on to another enterprise, the chain continues (up to ``max_hops`` transfers).
Its completeness is which of the four parties of the ecosystem it has: 科学家 (scientist
or institution), 企业家 (the enterprise), 创投家 (an investor) and 科服机构 (an agency).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.services.access import policy
from graph_service.store import GraphStore

MAX_CHAINS = 100
MAX_HOPS = 3
# Links followed per hop: a hub enterprise must not turn one question into a graph walk.
MAX_LINKS_PER_HOP = 500
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
    hop: int = 1


@dataclass(frozen=True, slots=True)
class Link:
    """One transfer: an achievement, where it came from and where it went."""

    achievement: str
    enterprise: str
    developers: frozenset[str]
    steps: tuple[Step, ...]
    fields: frozenset[str]
    segments: frozenset[str]


@dataclass(frozen=True, slots=True)
class TransferChain:
    steps: tuple[Step, ...]
    parties: tuple[str, ...]
    missing: tuple[str, ...]
    hops: int = 1

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True, slots=True)
class Scope:
    """What a chain must touch to be kept: fields of its achievements, segments of its enterprises."""

    fields: frozenset[str] | None = None
    segments: frozenset[str] = frozenset()

    def admits(self, links: list[Link]) -> bool:
        if self.fields is None:
            return True
        return any(link.fields & self.fields or link.segments & self.segments for link in links)


def _present(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i.get("node") and i["node"].get("uid")]


def _link(row: dict[str, Any]) -> Link:
    steps: list[Step] = []
    developers = sorted(_present(row["developers"]), key=lambda d: d["node"]["uid"])
    for dev in developers:
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
    return Link(
        a["uid"],
        e["uid"],
        frozenset(d["node"]["uid"] for d in developers),
        tuple(steps),
        frozenset(row.get("fields") or []),
        frozenset(row.get("segments") or []),
    )


def _join(links: list[Link]) -> TransferChain:
    """One chain from consecutive links; a junction enterprise appears once, as the receiver."""
    steps: list[Step] = []
    for hop, link in enumerate(links, start=1):
        junction = links[hop - 2].enterprise if hop > 1 else None
        for step in link.steps:
            if step.role == "developer" and step.uid == junction:
                continue
            if step.role == "achievement" and junction is not None:
                developed = next(s for s in link.steps if s.role == "developer" and s.uid == junction)
                step = replace(step, relation="DEVELOPED", properties=developed.properties)
            steps.append(replace(step, hop=hop))
    roles = {s.role for s in steps}
    have = {
        "scientist": "developer" in roles,
        "entrepreneur": True,
        "investor": "investor" in roles,
        "service": "broker" in roles,
    }
    parties = tuple(p for p in PARTIES if have[p])
    return TransferChain(tuple(steps), parties, tuple(p for p in PARTIES if not have[p]), len(links))


def _links(store: GraphStore, achievements: list[str]) -> list[Link]:
    if not achievements:
        return []
    return [_link(row) for row in store.read("transfer_chains", {"achievements": achievements})]


def _next_links(store: GraphStore, enterprises: set[str], *, forward: bool) -> dict[str, list[Link]]:
    """For each enterprise, the links one hop on (what it developed) or back (what it received)."""
    if not enterprises:
        return {}
    query = "transfer_onward" if forward else "transfer_inward"
    by_enterprise = {
        str(r["enterprise"]): set(r["achievements"]) for r in store.read(query, {"enterprises": sorted(enterprises)})
    }
    found = _links(store, sorted(set().union(*by_enterprise.values()))[:MAX_LINKS_PER_HOP])
    return {
        enterprise: [
            link
            for link in found
            if link.achievement in wanted
            and (enterprise in link.developers if forward else link.enterprise == enterprise)
        ]
        for enterprise, wanted in by_enterprise.items()
    }


def _extend(store: GraphStore, paths: list[list[Link]], max_hops: int, forward: bool) -> list[list[Link]]:
    """Every path and its continuations, up to ``max_hops`` links, without revisiting an enterprise."""
    done: list[list[Link]] = []
    frontier = paths
    for _ in range(max_hops - 1):
        done.extend(frontier)
        if forward:
            ends = {p[-1].enterprise for p in frontier}
            following = _next_links(store, ends, forward=True)
            grown = [[*p, link] for p in frontier for link in following.get(p[-1].enterprise, [])]
        else:
            starts = {d for p in frontier for d in p[0].developers}
            preceding = _next_links(store, starts, forward=False)
            grown = [[link, *p] for p in frontier for d in sorted(p[0].developers) for link in preceding.get(d, [])]
        frontier = [p for p in grown if len({link.enterprise for link in p}) == len(p)][:MAX_LINKS_PER_HOP]
        if not frontier:
            return done
    return done + frontier


def _scope(store: GraphStore, field_uid: str | None, chain: str | None) -> Scope:
    if field_uid is None and chain is None:
        return Scope()
    fields: set[str] = set()
    segments: set[str] = set()
    if field_uid is not None:
        rows = store.read("field_narrower", {"field": field_uid})
        if not rows:
            raise NotFoundError(f"no field with uid '{field_uid}' / 不存在标识为「{field_uid}」的技术领域")
        fields |= {str(rows[0]["uid"]), *(str(u) for u in rows[0]["narrower"] or [])}
    if chain is not None:
        rows = store.read("chain_segments", {"chain": chain})
        if not rows:
            raise NotFoundError(f"no industry chain with uid '{chain}' / 不存在标识为「{chain}」的产业链")
        chain_fields = {str(f) for r in rows for f in r["fields"] or []}
        # Both filters: the chain's fields narrowed to the asked field's subtree.
        fields = fields & chain_fields if field_uid is not None else chain_fields
        segments = {str(r["uid"]) for r in rows}
    return Scope(frozenset(fields), frozenset(segments))


def transfer_chains(
    store: GraphStore,
    *,
    source: str | None = None,
    target: str | None = None,
    field_uid: str | None = None,
    chain: str | None = None,
    max_hops: int = 1,
    complete: bool | None = None,
    first: int = 20,
) -> list[TransferChain]:
    """Chains forward from a developer or an achievement, backward to an enterprise, or between two.

    ``field_uid`` keeps chains with an achievement in that field or under it; ``chain``
    those with an achievement in the industry chain's fields or an enterprise in its
    segments. Most complete first, then shortest, then by uid.
    """
    policy.require_read()
    if not 1 <= first <= MAX_CHAINS:
        raise LimitExceededError(f"first must be between 1 and {MAX_CHAINS} / 最多返回 {MAX_CHAINS} 条")
    if not 1 <= max_hops <= MAX_HOPS:
        raise LimitExceededError(f"maxHops must be between 1 and {MAX_HOPS} / 最多追踪 {MAX_HOPS} 次转化")
    anchor = source or target
    if not anchor:
        raise InvalidInputError("give from, to or both / 请指定起点或终点")
    rows = store.read("transfer_anchor", {"uid": anchor})
    if not rows:
        raise NotFoundError(f"no entity with uid '{anchor}' / 不存在标识为「{anchor}」的实体")
    if target and source and not store.read("transfer_anchor", {"uid": target}):
        raise NotFoundError(f"no entity with uid '{target}' / 不存在标识为「{target}」的实体")
    scope = _scope(store, field_uid, chain)
    starts = _links(store, sorted(set(rows[0]["achievements"] or [])))
    if source:
        # Forward: what the source developed, or the achievement itself (the anchor query
        # also lists what it received).
        firsts = [link for link in starts if source in link.developers or link.achievement == source]
        paths = _extend(store, [[link] for link in firsts], max_hops, forward=True)
        if target:
            paths = [p for p in paths if p[-1].enterprise == target]
    else:
        paths = _extend(store, [[link] for link in starts if link.enterprise == target], max_hops, forward=False)
    chains = [_join(p) for p in paths if scope.admits(p)]
    if complete is not None:
        chains = [c for c in chains if c.complete is complete]
    chains.sort(key=lambda c: (-len(c.parties), c.hops, [s.uid for s in c.steps]))
    return chains[:first]
