"""Greedy maximum coverage against brute force on small random instances (pure, no graph)."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from graph_service.services.programmes.max_coverage import coverage, greedy_max_coverage, online_bound


def _brute(sets: dict[str, set[int]], k: int, weight: dict[int, float], first: tuple[str, ...] = ()) -> float:
    rest = [s for s in sets if s not in first]
    size = min(k - len(first), len(rest))
    return max(coverage(sets, [*first, *combo], weight) for combo in itertools.combinations(rest, size))


def _instance(rng: random.Random) -> tuple[dict[str, set[int]], dict[int, float]]:
    elements = range(rng.randint(4, 14))
    sets = {f"s{i}": {e for e in elements if rng.random() < 0.3} for i in range(rng.randint(3, 8))}
    return sets, {e: float(rng.randint(1, 5)) for e in elements}


def test_greedy_is_within_the_guarantee_of_brute_force_and_under_the_online_bound() -> None:
    rng = random.Random(19)
    worst = 1.0
    for _ in range(300):
        sets, weight = _instance(rng)
        k = rng.randint(1, len(sets))
        picks = greedy_max_coverage(sets, k, weight=weight)
        value = sum(p.gain for p in picks)
        best = _brute(sets, k, weight)
        assert value == pytest.approx(coverage(sets, [p.item for p in picks], weight))
        assert value >= (1 - 1 / math.e) * best - 1e-9
        assert value <= best + 1e-9
        assert online_bound(sets, [p.item for p in picks], k, weight) >= best - 1e-9
        gains = [p.gain for p in picks]
        assert gains == sorted(gains, reverse=True)
        assert all(g > 0 for g in gains)
        if best:
            worst = min(worst, value / best)
    assert worst < 1, "some instance must make greedy fall short, or the check above proves nothing"


def test_greedy_is_optimal_on_disjoint_sets_and_when_k_reaches_every_useful_set() -> None:
    rng = random.Random(7)
    for _ in range(100):
        elements = list(range(rng.randint(3, 15)))
        rng.shuffle(elements)
        cuts = sorted(rng.sample(range(1, len(elements)), rng.randint(1, min(5, len(elements) - 1))))
        parts = [set(elements[a:b]) for a, b in zip([0, *cuts], [*cuts, len(elements)], strict=True)]
        sets = {f"s{i}": part for i, part in enumerate(parts)}
        weight = {e: float(rng.randint(1, 5)) for e in elements}
        for k in range(1, len(sets) + 1):
            picks = greedy_max_coverage(sets, k, weight=weight)
            assert sum(p.gain for p in picks) == pytest.approx(_brute(sets, k, weight))
        sets, weight = _instance(rng)
        everything = greedy_max_coverage(sets, len(sets) + 2, weight=weight)
        assert sum(p.gain for p in everything) == pytest.approx(coverage(sets, list(sets), weight))


def test_first_sets_come_first_and_count_and_the_rest_follow_greedily() -> None:
    sets = {"a": {1, 2, 3}, "b": {3, 4}, "c": {4, 5, 6, 7}, "d": set()}
    picks = greedy_max_coverage(sets, 3, first=["d", "b"])
    assert [(p.item, p.gain, p.forced) for p in picks] == [("d", 0.0, True), ("b", 2.0, True), ("c", 3.0, False)]
    rng = random.Random(3)
    for _ in range(100):
        sets, weight = _instance(rng)
        first = tuple(rng.sample(sorted(sets), rng.randint(1, 2)))
        k = rng.randint(len(first), len(sets))
        picks = greedy_max_coverage(sets, k, weight=weight, first=first)
        assert [p.item for p in picks[: len(first)]] == list(first)
        value = sum(p.gain for p in picks)
        assert value >= (1 - 1 / math.e) * _brute(sets, k, weight, first) - 1e-9


def test_ties_follow_the_order_given_not_dict_order() -> None:
    sets = {"z": {1}, "y": {2}, "x": {3}}
    assert [p.item for p in greedy_max_coverage(sets, 2)] == ["x", "y"]
    rank = {"z": 0, "y": 2, "x": 1}
    assert [p.item for p in greedy_max_coverage(sets, 2, order=rank.__getitem__)] == ["z", "x"]
    with pytest.raises(ValueError, match="fewer"):
        greedy_max_coverage(sets, 1, first=["x", "y"])
