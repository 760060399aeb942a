"""Maximum-weight bipartite b-matching, exactly, by min-cost flow with a duality check.

Each left vertex ``u`` takes at most ``left[u]`` edges, each right vertex ``v`` at most
``right[v]``, each edge at most once. As a flow: source → ``u`` (capacity ``left[u]``),
``u`` → ``v`` (capacity 1, cost −weight), ``v`` → sink (capacity ``right[v]``), plus a
source → sink bypass so that no edge has to be used. The constraint matrix is totally
unimodular, so the min-cost flow is integral and is the optimum.

Solving on every edge is slow (networkx's simplex took 17 s on 200 × 500 edges), and the
optimum rarely uses an edge that is far down both its endpoints' lists. So the flow is
solved on a core — each vertex's best ``capacity + core`` edges — and then certified: the
residual graph's shortest-path distances are feasible potentials, and an edge left out
with negative reduced cost is the only thing that could improve the flow. Those edges are
added and the flow solved again until none is left; the answer is then optimal on the
whole graph, not on the core.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import TypeVar

import networkx as nx

L = TypeVar("L", bound=Hashable)
R = TypeVar("R", bound=Hashable)

CORE = 4
_SOURCE, _SINK, _ROOT = ("source",), ("sink",), ("root",)


def max_weight_b_matching(
    weights: Mapping[tuple[L, R], int],
    left: Mapping[L, int],
    right: Mapping[R, int],
    *,
    core: int = CORE,
) -> list[tuple[L, R]]:
    """The edges of a maximum-weight b-matching of a bipartite graph.

    Parameters
    ----------
    weights : mapping
        ``(u, v) -> weight`` (integers) for each edge between left vertex ``u`` and
        right vertex ``v``. Edges of negative weight are never chosen.
    left, right : mapping
        How many edges each left and right vertex may take (a vertex not listed takes none).
    core : int
        Edges beyond its capacity each vertex brings to the first solve; any value gives
        the same total, a larger one fewer rounds of checking.

    Returns
    -------
    list
        The chosen edges, sorted by their ``repr`` (vertices need not be comparable).
        Their total weight is the largest possible; among matchings of that weight, one
        with the most edges.

    Examples
    --------
    >>> w = {("a", "x"): 5, ("a", "y"): 4, ("b", "x"): 4, ("b", "y"): 1}
    >>> max_weight_b_matching(w, {"a": 1, "b": 1}, {"x": 1, "y": 1})
    [('a', 'y'), ('b', 'x')]
    >>> max_weight_b_matching(w, {"a": 2, "b": 1}, {"x": 2, "y": 1})
    [('a', 'x'), ('a', 'y'), ('b', 'x')]
    """
    edges = {e: w for e, w in weights.items() if w >= 0 and left.get(e[0], 0) > 0 and right.get(e[1], 0) > 0}
    if not edges:
        return []
    # Weight first, then the number of edges: scaled so one unit of weight outweighs every edge.
    scale = len(edges) + 1
    cost = {e: -(w * scale + 1) for e, w in edges.items()}
    chosen = _core(edges, left, right, core)
    while True:
        flow = _solve(chosen, cost, left, right)
        missing = _improving(edges.keys() - chosen, cost, _potentials(chosen, cost, flow, left, right))
        if not missing:
            return sorted(((u, v) for (u, v), f in flow.items() if f), key=repr)
        chosen |= missing


def _core(
    edges: Mapping[tuple[L, R], int], left: Mapping[L, int], right: Mapping[R, int], core: int
) -> set[tuple[L, R]]:
    """Each vertex's best ``capacity + core`` edges (ties by the edge, so the core is deterministic)."""
    at_left: defaultdict[L, list[tuple[int, str, tuple[L, R]]]] = defaultdict(list)
    at_right: defaultdict[R, list[tuple[int, str, tuple[L, R]]]] = defaultdict(list)
    for e, w in edges.items():
        at_left[e[0]].append((-w, repr(e), e))
        at_right[e[1]].append((-w, repr(e), e))
    chosen: set[tuple[L, R]] = set()
    for u, ranked in at_left.items():
        chosen.update(e for _, _, e in sorted(ranked)[: left[u] + core])
    for v, ranked in at_right.items():
        chosen.update(e for _, _, e in sorted(ranked)[: right[v] + core])
    return chosen


def _graph(
    chosen: set[tuple[L, R]], cost: Mapping[tuple[L, R], int], left: Mapping[L, int], right: Mapping[R, int]
) -> nx.DiGraph:
    g = nx.DiGraph()
    us = sorted({u for u, _ in chosen}, key=repr)
    vs = sorted({v for _, v in chosen}, key=repr)
    total = min(sum(left[u] for u in us), sum(right[v] for v in vs))
    g.add_node(_SOURCE, demand=-total)
    g.add_node(_SINK, demand=total)
    g.add_edge(_SOURCE, _SINK, capacity=total, weight=0)
    for u in us:
        g.add_edge(_SOURCE, ("L", u), capacity=left[u], weight=0)
    for v in vs:
        g.add_edge(("R", v), _SINK, capacity=right[v], weight=0)
    for u, v in sorted(chosen, key=repr):
        g.add_edge(("L", u), ("R", v), capacity=1, weight=cost[(u, v)])
    return g


def _solve(
    chosen: set[tuple[L, R]], cost: Mapping[tuple[L, R], int], left: Mapping[L, int], right: Mapping[R, int]
) -> dict[tuple[L, R], int]:
    """The min-cost flow on the ``chosen`` edges, as the flow on each of them."""
    g = _graph(chosen, cost, left, right)
    _, flow = nx.network_simplex(g)
    return {(u, v): flow[("L", u)][("R", v)] for u, v in chosen}


def _potentials(
    chosen: set[tuple[L, R]],
    cost: Mapping[tuple[L, R], int],
    flow: Mapping[tuple[L, R], int],
    left: Mapping[L, int],
    right: Mapping[R, int],
) -> dict[Hashable, int]:
    """Shortest-path distances in the residual graph of an optimal flow (it has no negative cycle)."""
    residual = nx.DiGraph()
    used: defaultdict[Hashable, int] = defaultdict(int)
    for (u, v), f in flow.items():
        if f:
            used[("L", u)] += 1
            used[("R", v)] += 1
            residual.add_edge(("R", v), ("L", u), weight=-cost[(u, v)])
        else:
            residual.add_edge(("L", u), ("R", v), weight=cost[(u, v)])
    us, vs = {u for u, _ in chosen}, {v for _, v in chosen}
    for u in us:
        if used[("L", u)] < left[u]:
            residual.add_edge(_SOURCE, ("L", u), weight=0)
        if used[("L", u)]:
            residual.add_edge(("L", u), _SOURCE, weight=0)
    for v in vs:
        if used[("R", v)] < right[v]:
            residual.add_edge(("R", v), _SINK, weight=0)
        if used[("R", v)]:
            residual.add_edge(_SINK, ("R", v), weight=0)
    through = sum(used[("L", u)] for u in us)
    total = min(sum(left[u] for u in us), sum(right[v] for v in vs))
    residual.add_node(_SOURCE)
    residual.add_node(_SINK)
    if through:  # the bypass carries total - through of its capacity total
        residual.add_edge(_SOURCE, _SINK, weight=0)
    if through < total:
        residual.add_edge(_SINK, _SOURCE, weight=0)
    for n in list(residual.nodes):
        residual.add_edge(_ROOT, n, weight=0)
    distances: dict[Hashable, int] = nx.single_source_bellman_ford_path_length(residual, _ROOT)
    return distances


def _improving(
    left_out: set[tuple[L, R]], cost: Mapping[tuple[L, R], int], distance: Mapping[Hashable, int]
) -> set[tuple[L, R]]:
    """The edges left out whose reduced cost is negative: adding them could lower the flow's cost."""
    return {
        (u, v)
        for u, v in left_out
        if cost[(u, v)] + _at(distance, ("L", u), ("source",)) - _at(distance, ("R", v), ("sink",)) < 0
    }


def _at(distance: Mapping[Hashable, int], node: Hashable, via: Hashable) -> int:
    """A vertex outside the core is reached from the source (left) or reaches the sink (right) at no cost."""
    return distance[node] if node in distance else distance[via]
