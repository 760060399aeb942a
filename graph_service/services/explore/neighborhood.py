"""The neighbourhood of an entity, breadth first, as a subgraph ready to draw.

Beyond depth 1 the walk is bounded, because the engine reads a node's whole adjacency
even to return a few of its neighbours (a region or field holds tens of thousands):

* fields, regions, chain segments, industry chains and programmes reached at depth 1 or
  more are shown but not expanded, unless the request follows only the ties among them
  (``BROADER``, ``WITHIN``, ...): sharing a field or a city puts no one near anyone;
* every other node offers at most the remaining budget of neighbours, the first the
  engine yields (fixed for a given graph), and the budget is shared out round robin so
  that one popular node cannot crowd out the rest.

Whatever was left out sets ``truncated``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from graph_service.domain.subgraph import GraphEdge, GraphNode, Subgraph
from graph_service.errors import LimitExceededError, NotFoundError
from graph_service.ontology import ACTOR_KINDS, RELATION_SPECS, EntityKind, RelationType
from graph_service.services.access import policy
from graph_service.store import GraphStore
from graph_service.store.protocol import Row

MAX_DEPTH = 3
MAX_NODES = 500
# Context rather than ties: entities that share one are not near each other.
BROAD_KINDS: frozenset[EntityKind] = frozenset(EntityKind) - ACTOR_KINDS - {EntityKind.ACHIEVEMENT}
BROAD_TIES: frozenset[RelationType] = frozenset(
    spec.type for spec in RELATION_SPECS.values() if spec.sources | spec.targets <= BROAD_KINDS
)
_BROAD_LABELS = frozenset(k.value for k in BROAD_KINDS)


@dataclass
class Expansion:
    """What one breadth-first step found: edges by key and newly reached nodes in order."""

    edges: dict[tuple[str, str, str], GraphEdge] = field(default_factory=dict)
    reached: dict[str, tuple[str, GraphNode]] = field(default_factory=dict)


def _parse(rows: Iterable[Row], into: Expansion) -> list[tuple[str, GraphNode]]:
    found: list[tuple[str, GraphNode]] = []
    for row in rows:
        edge = GraphEdge(str(row["source"]), str(row["target"]), str(row["type"]), dict(row["props"] or {}))
        into.edges[edge.key] = edge
        found.append((str(row["from_uid"]), GraphNode.from_row(row["node"])))
    return found


def expand(
    store: GraphStore,
    uids: list[str],
    *,
    rel_types: list[str],
    kinds: list[str],
    per_node: int,
    endpoints: list[str] | None = None,
    bounded: bool = False,
) -> Expansion:
    """One round trip: the neighbours of every uid in ``uids`` along the allowed relationships.

    Each uid offers its first ``per_node`` neighbours by uid, or with ``bounded`` the first
    the engine yields, which does not read the rest of a hub's neighbours.
    """
    policy.require_read()
    result = Expansion()
    rows = _step_rows(store, uids, rel_types, kinds, per_node, endpoints or [], bounded=bounded)
    for origin, node in _parse(rows, result):
        result.reached.setdefault(node.uid, (origin, node))
    return result


def _step_rows(
    store: GraphStore,
    uids: list[str],
    rel_types: list[str],
    kinds: list[str],
    per_node: int,
    endpoints: list[str],
    *,
    bounded: bool,
) -> list[Row]:
    params = {"uids": uids, "rel_types": rel_types, "kinds": kinds, "endpoints": endpoints, "per_node": per_node}
    return store.read("neighbors_sample" if bounded else "neighbors_expand", params)


def _sample(
    store: GraphStore, uids: list[str], *, rel_types: list[str], kinds: list[str], per_node: int
) -> tuple[dict[str, list[GraphNode]], Expansion]:
    """Up to ``per_node`` neighbours of each uid, without reading the rest of its neighbours."""
    rows = _step_rows(store, uids, rel_types, kinds, per_node, [], bounded=True)
    edges = Expansion()
    by_origin: dict[str, list[GraphNode]] = {uid: [] for uid in uids}
    for origin, node in _parse(rows, edges):
        by_origin[origin].append(node)
    return by_origin, edges


def neighborhood(
    store: GraphStore,
    uid: str,
    *,
    depth: int = 1,
    rel_types: list[RelationType] | None = None,
    kinds: list[EntityKind] | None = None,
    limit: int = 100,
) -> Subgraph:
    """Entities within ``depth`` hops of ``uid`` (nearest first, at most ``limit``) and the edges among them."""
    policy.require_read()
    if not 1 <= depth <= MAX_DEPTH:
        raise LimitExceededError(f"depth must be between 1 and {MAX_DEPTH} / 深度须在 1 到 {MAX_DEPTH} 之间")
    if not 1 <= limit <= MAX_NODES:
        raise LimitExceededError(f"limit must be between 1 and {MAX_NODES} / 节点数须在 1 到 {MAX_NODES} 之间")
    root_rows = store.read("entities_get", {"uids": [uid]})
    if not root_rows:
        raise NotFoundError(f"no entity with uid '{uid}' / 不存在标识为「{uid}」的实体")
    nodes: dict[str, GraphNode] = {uid: GraphNode.from_row(root_rows[0]["entity"], 0)}
    types = sorted(r.value for r in rel_types or [])
    kind_names = sorted(k.value for k in kinds or [])
    # The root's own neighbours are the question asked: read them all, first by uid.
    first = expand(store, [uid], rel_types=types, kinds=kind_names, per_node=limit)
    edges = dict(first.edges)
    frontier: list[str] = []
    truncated = False
    for found_uid, (_, node) in first.reached.items():
        if found_uid in nodes:
            continue
        if len(nodes) >= limit:
            truncated = True
            break
        nodes[found_uid] = replace(node, depth=1)
        frontier.append(found_uid)
    followed = set(rel_types or ())
    expands_broad = bool(followed) and followed <= BROAD_TIES
    for level in range(2, depth + 1):
        open_uids = [u for u in frontier if expands_broad or nodes[u].kind not in _BROAD_LABELS]
        truncated = truncated or len(open_uids) < len(frontier)
        remaining = limit - len(nodes)
        if not open_uids or (remaining == 0 and truncated):
            break
        # One more than the budget, so that a full list says the node has more to give.
        per_node = remaining + 1
        offered, step = _sample(store, open_uids, rel_types=types, kinds=kind_names, per_node=per_node)
        truncated = truncated or any(len(found) == per_node for found in offered.values())
        frontier = []
        # Round robin: each node's first neighbour, then each node's second, and so on.
        for found in itertools.chain.from_iterable(itertools.zip_longest(*offered.values())):
            if found is None or found.uid in nodes:
                continue
            if len(nodes) >= limit:
                truncated = True
                break
            nodes[found.uid] = replace(found, depth=level)
            frontier.append(found.uid)
        edges.update(step.edges)
    kept = [e for e in edges.values() if e.source in nodes and e.target in nodes]
    kept.sort(key=lambda e: e.key)
    ordered = sorted(nodes.values(), key=lambda n: (n.depth, n.uid))
    return Subgraph(ordered, kept, truncated)
