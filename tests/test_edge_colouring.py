"""Bipartite edge colouring: proper, in Δ colours (König), on random multigraphs."""

from __future__ import annotations

import random

import pytest

from graph_service.services.programmes.edge_colouring import bipartite_edge_colouring, max_degree


def _proper(edges: list[tuple[int, int]], colours: list[int]) -> bool:
    seen: set[tuple[str, int, int]] = set()
    for (u, v), c in zip(edges, colours, strict=True):
        for key in (("L", u, c), ("R", v, c)):
            if key in seen:
                return False
            seen.add(key)
    return True


@pytest.mark.parametrize("seed", range(3))
def test_random_multigraphs_take_exactly_max_degree_colours(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        edges = [(rng.randint(0, 5), rng.randint(0, 5)) for _ in range(rng.randint(1, 30))]
        colours = bipartite_edge_colouring(edges)
        delta = max_degree(edges)
        assert _proper(edges, colours)
        assert set(colours) <= set(range(delta))
        assert len(set(colours)) == delta  # a vertex of degree Δ shows every colour


def test_complete_bipartite_graph_fits_in_delta_colours() -> None:
    # K(4,4) in an interleaved order: Δ = 4 colours, every one at every vertex.
    edges = [(u, (u + k) % 4) for k in (0, 2, 1, 3) for u in range(4)]
    colours = bipartite_edge_colouring(edges)
    assert _proper(edges, colours)
    assert max(colours) == 3


def test_more_colours_may_be_given_fewer_may_not() -> None:
    edges = [(0, 0), (0, 1), (1, 0)]
    assert _proper(edges, bipartite_edge_colouring(edges, colours=5))
    with pytest.raises(ValueError, match="maximum degree 2"):
        bipartite_edge_colouring(edges, colours=1)
