"""Proper edge colouring of a bipartite multigraph in Δ colours (König's line colouring theorem).

Edges are coloured one at a time, first-fit. When no colour is free at both ends, take a
colour ``a`` free at the left end and ``b`` free at the right end, and swap ``a`` and ``b``
along the path from the right end that alternates between them. In a bipartite graph that
path cannot reach the left end (it would close an odd cycle), so afterwards ``a`` is free
at both ends. Each edge costs at most one path, so the whole colouring is O(E·V).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

L = TypeVar("L", bound=Hashable)
R = TypeVar("R", bound=Hashable)


def max_degree(edges: Sequence[tuple[Hashable, Hashable]]) -> int:
    """The largest number of edges at one vertex, left and right counted apart.

    >>> max_degree([("a", "x"), ("a", "y"), ("b", "x")])
    2
    """
    degree: dict[tuple[str, Hashable], int] = {}
    for u, v in edges:
        for node in (("L", u), ("R", v)):
            degree[node] = degree.get(node, 0) + 1
    return max(degree.values(), default=0)


def bipartite_edge_colouring(edges: Sequence[tuple[L, R]], colours: int | None = None) -> list[int]:
    """A colour for each edge such that edges sharing a vertex differ.

    Parameters
    ----------
    edges : sequence of (u, v)
        Edges from the left vertices ``u`` to the right vertices ``v``; an edge may be
        repeated (a multigraph). Earlier edges get lower colours where they can.
    colours : int, optional
        How many colours may be used; at least the maximum degree Δ, which is the default.

    Returns
    -------
    list of int
        The colour of each edge, in ``range(colours)``, in the order of ``edges``.

    Raises
    ------
    ValueError
        If ``colours`` is below the maximum degree: no proper colouring exists.

    Examples
    --------
    >>> bipartite_edge_colouring([("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")])
    [0, 1, 1, 0]
    >>> bipartite_edge_colouring([("a", "x"), ("a", "x")], colours=3)
    [0, 1]
    """
    delta = max_degree(edges)
    palette = delta if colours is None else colours
    if palette < delta:
        raise ValueError(f"{palette} colours cannot colour a graph of maximum degree {delta}")
    # at[node][colour] is the index of the edge of that colour at node.
    at: dict[tuple[str, Hashable], dict[int, int]] = {}
    colour: list[int] = [-1] * len(edges)
    for index, (u, v) in enumerate(edges):
        left, right = at.setdefault(("L", u), {}), at.setdefault(("R", v), {})
        common = next((c for c in range(palette) if c not in left and c not in right), None)
        if common is None:
            a = next(c for c in range(palette) if c not in left)
            b = next(c for c in range(palette) if c not in right)
            _swap_path(edges, colour, at, ("R", v), a, b)
            common = a
        colour[index] = common
        left[common] = index
        right[common] = index
    return colour


def _swap_path(
    edges: Sequence[tuple[Hashable, Hashable]],
    colour: list[int],
    at: dict[tuple[str, Hashable], dict[int, int]],
    start: tuple[str, Hashable],
    a: int,
    b: int,
) -> None:
    """Swap colours ``a`` and ``b`` on the path from ``start`` that alternates a, b, a, …"""
    path: list[int] = []
    node, want = start, a
    while want in at[node]:
        index = at[node][want]
        path.append(index)
        u, v = edges[index]
        node = ("L", u) if node == ("R", v) else ("R", v)
        want = b if want == a else a
    for index in path:
        u, v = edges[index]
        for end in (("L", u), ("R", v)):
            del at[end][colour[index]]
    for index in path:
        colour[index] = b if colour[index] == a else a
        u, v = edges[index]
        for end in (("L", u), ("R", v)):
            at[end][colour[index]] = index
