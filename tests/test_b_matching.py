"""The b-matching is optimal: equal to brute force on small instances, to the plain flow on larger ones."""

from __future__ import annotations

import itertools
import random

import pytest

from graph_service.services.programmes.b_matching import max_weight_b_matching

Edge = tuple[int, int]


def _feasible(edges: tuple[Edge, ...], left: dict[int, int], right: dict[int, int]) -> bool:
    taken_left = [u for u, _ in edges]
    taken_right = [v for _, v in edges]
    return all(taken_left.count(u) <= left.get(u, 0) for u in set(taken_left)) and all(
        taken_right.count(v) <= right.get(v, 0) for v in set(taken_right)
    )


def brute_force(weights: dict[Edge, int], left: dict[int, int], right: dict[int, int]) -> int:
    """The best total over every feasible set of edges."""
    edges = sorted(weights)
    return max(
        sum(weights[e] for e in subset)
        for size in range(len(edges) + 1)
        for subset in itertools.combinations(edges, size)
        if _feasible(subset, left, right)
    )


def _instance(
    rng: random.Random, max_side: int, density: float
) -> tuple[dict[Edge, int], dict[int, int], dict[int, int]]:
    nl, nr = rng.randint(1, max_side), rng.randint(1, max_side)
    weights = {(u, v): rng.randint(-3, 9) for u in range(nl) for v in range(nr) if rng.random() < density}
    return weights, {u: rng.randint(0, 3) for u in range(nl)}, {v: rng.randint(0, 3) for v in range(nr)}


@pytest.mark.parametrize("core", [0, 1, 4])
def test_equals_brute_force_on_random_small_instances(core: int) -> None:
    rng = random.Random(19)
    checked = 0
    while checked < 120:
        weights, left, right = _instance(rng, 4, 0.7)
        if len(weights) > 10:
            continue
        chosen = max_weight_b_matching(weights, left, right, core=core)
        assert len(set(chosen)) == len(chosen), "no edge twice"
        assert _feasible(tuple(chosen), left, right), (weights, left, right, chosen)
        assert all(weights[e] >= 0 for e in chosen)
        assert sum(weights[e] for e in chosen) == brute_force(weights, left, right), (weights, left, right)
        checked += 1


def test_the_checked_core_equals_the_flow_on_every_edge() -> None:
    # core=0 starts from each vertex's capacity alone, so the duality check must add edges.
    for seed in range(4):
        rng = random.Random(seed)
        weights = {(u, v): rng.randint(0, 1000) for u in range(25) for v in range(40) if rng.random() < 0.5}
        left = {u: rng.randint(1, 4) for u in range(25)}
        right = {v: rng.randint(1, 3) for v in range(40)}
        checked = max_weight_b_matching(weights, left, right, core=0)
        whole = max_weight_b_matching(weights, left, right, core=10**6)
        assert sum(weights[e] for e in checked) == sum(weights[e] for e in whole)


def test_prefers_more_edges_among_equal_totals_and_skips_capacity_zero() -> None:
    weights = {("a", "x"): 0, ("b", "y"): 3, ("c", "y"): 2}
    chosen = max_weight_b_matching(weights, {"a": 1, "b": 1, "c": 0}, {"x": 1, "y": 1})
    assert chosen == [("a", "x"), ("b", "y")]
    assert max_weight_b_matching({}, {"a": 1}, {"x": 1}) == []
