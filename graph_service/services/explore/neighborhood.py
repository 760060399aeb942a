"""The neighbourhood of an entity, breadth first, as a subgraph ready to draw."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from graph_service.domain.subgraph import GraphEdge, GraphNode, Subgraph
from graph_service.errors import LimitExceededError, NotFoundError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.access import policy
from graph_service.store import GraphStore

MAX_DEPTH = 3
MAX_NODES = 500


@dataclass
class Expansion:
    """What one breadth-first step found: edges by key and newly reached nodes in order."""

    edges: dict[tuple[str, str, str], GraphEdge] = field(default_factory=dict)
    reached: dict[str, tuple[str, GraphNode]] = field(default_factory=dict)


def expand(
    store: GraphStore,
    uids: list[str],
    *,
    rel_types: list[str],
    kinds: list[str],
    per_node: int,
    endpoints: list[str] | None = None,
) -> Expansion:
    """One round trip: the neighbours of every uid in ``uids`` along the allowed relationships."""
    policy.require_read()
    rows = store.read(
        "neighbors_expand",
        {"uids": uids, "rel_types": rel_types, "kinds": kinds, "endpoints": endpoints or [], "per_node": per_node},
    )
    result = Expansion()
    for row in rows:
        edge = GraphEdge(str(row["source"]), str(row["target"]), str(row["type"]), dict(row["props"] or {}))
        result.edges[edge.key] = edge
        node = GraphNode.from_row(row["node"])
        result.reached.setdefault(node.uid, (str(row["from_uid"]), node))
    return result


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
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    frontier = [uid]
    truncated = False
    types = sorted(r.value for r in rel_types or [])
    kind_names = sorted(k.value for k in kinds or [])
    for level in range(1, depth + 1):
        if not frontier:
            break
        step = expand(store, frontier, rel_types=types, kinds=kind_names, per_node=limit)
        next_frontier: list[str] = []
        for found_uid, (_, node) in step.reached.items():
            if found_uid in nodes:
                continue
            if len(nodes) >= limit:
                truncated = True
                break
            nodes[found_uid] = replace(node, depth=level)
            next_frontier.append(found_uid)
        edges.update(step.edges)
        frontier = next_frontier
    kept = [e for e in edges.values() if e.source in nodes and e.target in nodes]
    kept.sort(key=lambda e: e.key)
    ordered = sorted(nodes.values(), key=lambda n: (n.depth, n.uid))
    return Subgraph(ordered, kept, truncated)
