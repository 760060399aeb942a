"""Warm-introduction paths: the shortest and next-shortest chains of ties between two entities.

Both ends are expanded breadth first, one round trip per step, until the searches meet or
``max_hops`` is spent; each node offers at most ``PER_NODE`` neighbours, the first the
engine yields, so that a park or society is not read in full. The ties seen form a local
graph in which networkx lists the shortest simple paths in order (Yen's algorithm). By
default only ties between people and organisations carry an introduction: fields,
regions and chain segments are not passed through, since sharing a field or a city
introduces no one.
"""

from __future__ import annotations

import itertools

import networkx as nx

from graph_service.domain.subgraph import GraphEdge, GraphNode, GraphPath
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import ACTOR_KINDS, EntityKind, RelationType
from graph_service.services.access import policy
from graph_service.services.explore.neighborhood import expand
from graph_service.store import GraphStore

MAX_HOPS = 6
MAX_PATHS = 10
MAX_VISITED = 20_000
PER_NODE = 200

WARM_TIES: tuple[RelationType, ...] = (
    RelationType.MEMBER_OF,
    RelationType.AFFILIATED_WITH,
    RelationType.COLLABORATED_WITH,
    RelationType.STATIONED_AT,
    RelationType.HOSTED_BY,
    RelationType.INVESTED_IN,
    RelationType.SERVES,
    RelationType.DEVELOPED,
    RelationType.TRANSFERRED_TO,
    RelationType.BROKERED,
    RelationType.PARTNER_OF,
    RelationType.LOCATED_IN,
)
# People, organisations, achievements and programmes carry introductions; taxonomy and places do not.
PASS_THROUGH_KINDS: frozenset[EntityKind] = ACTOR_KINDS | {EntityKind.ACHIEVEMENT, EntityKind.PROGRAMME}


def find_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    rel_types: list[RelationType] | None = None,
    first: int = 3,
) -> list[GraphPath]:
    """Up to ``first`` simple paths of at most ``max_hops`` ties, shortest first, in a stable order."""
    policy.require_read()
    _check(source, target, max_hops, first)
    ends = _ends(store, source, target)
    types = sorted(r.value for r in rel_types or WARM_TIES)
    nodes, edges = _meet(store, ends, source, target, max_hops, types)
    return _shortest(nodes, edges, source, target, max_hops, first)


def _check(source: str, target: str, max_hops: int, first: int) -> None:
    if not 1 <= max_hops <= MAX_HOPS:
        raise LimitExceededError(f"maxHops must be between 1 and {MAX_HOPS} / 跳数须在 1 到 {MAX_HOPS} 之间")
    if not 1 <= first <= MAX_PATHS:
        raise LimitExceededError(f"first must be between 1 and {MAX_PATHS} / 最多返回 {MAX_PATHS} 条路径")
    if source == target:
        raise InvalidInputError("from and to are the same entity / 起点与终点相同")


def _ends(store: GraphStore, source: str, target: str) -> dict[str, GraphNode]:
    """Both ends, read in one round trip; NotFound names the first one missing."""
    rows = store.read("entities_get", {"uids": [source, target]})
    found = {str(row["entity"]["uid"]): GraphNode.from_row(row["entity"]) for row in rows}
    for uid in (source, target):
        if uid not in found:
            raise NotFoundError(f"no entity with uid '{uid}' / 不存在标识为「{uid}」的实体")
    return found


def _meet(
    store: GraphStore, ends: dict[str, GraphNode], source: str, target: str, max_hops: int, types: list[str]
) -> tuple[dict[str, GraphNode], dict[tuple[str, str, str], GraphEdge]]:
    """The nodes and ties seen expanding both ends in turn until the budgets or frontiers run out."""
    kinds = sorted(k.value for k in PASS_THROUGH_KINDS)
    nodes: dict[str, GraphNode] = dict(ends)
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    seen = {source: {source}, target: {target}}
    frontier = {source: [source], target: [target]}
    # Depth budget per side: together they cover every path of at most max_hops ties.
    budget = {source: (max_hops + 1) // 2, target: max_hops // 2}
    for side in itertools.islice(itertools.cycle((source, target)), 2 * MAX_HOPS):
        if budget[side] == 0 or not frontier[side]:
            if all(budget[s] == 0 or not frontier[s] for s in (source, target)):
                break
            continue
        if len(nodes) > MAX_VISITED:
            break
        budget[side] -= 1
        # Bounded: a park or society on the frontier offers PER_NODE members without the
        # engine reading all of them (at a million entities a park holds thousands).
        step = expand(
            store,
            frontier[side],
            rel_types=types,
            kinds=kinds,
            per_node=PER_NODE,
            endpoints=[source, target],
            bounded=True,
        )
        edges.update(step.edges)
        frontier[side] = _advance(step.reached, nodes, seen[side])
    return nodes, edges


def _advance(reached: dict[str, tuple[str, GraphNode]], nodes: dict[str, GraphNode], seen: set[str]) -> list[str]:
    """Record the nodes a step reached; the ones this side had not seen form its next frontier."""
    frontier = []
    for uid, (_, node) in reached.items():
        nodes.setdefault(uid, node)
        if uid not in seen:
            seen.add(uid)
            frontier.append(uid)
    return frontier


def _shortest(
    nodes: dict[str, GraphNode],
    edges: dict[tuple[str, str, str], GraphEdge],
    source: str,
    target: str,
    max_hops: int,
    first: int,
) -> list[GraphPath]:
    """The first ``first`` simple paths of the local graph, shortest first (Yen), none longer than ``max_hops``."""
    ordered = sorted(edges.values(), key=lambda e: e.key)
    graph = nx.Graph()
    for edge in ordered:
        graph.add_edge(edge.source, edge.target)
    if source not in graph or target not in graph or not nx.has_path(graph, source, target):
        return []
    by_pair = {frozenset((e.source, e.target)): e for e in ordered}
    paths: list[GraphPath] = []
    for uids in nx.shortest_simple_paths(graph, source, target):
        if len(uids) - 1 > max_hops or len(paths) >= first:
            break
        path_edges = [by_pair[frozenset(pair)] for pair in itertools.pairwise(uids)]
        paths.append(GraphPath([nodes[u] for u in uids], path_edges))
    return paths
