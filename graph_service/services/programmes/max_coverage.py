"""Weighted maximum coverage, greedily, with the (1 - 1/e) guarantee and a bound per instance.

Choosing ``k`` sets whose union carries the most weight is NP-hard; taking each time the
set that adds the most uncovered weight is within (1 - 1/e) ≈ 0.632 of the best ``k``
(Nemhauser, Wolsey and Fisher, 1978), and no polynomial algorithm does better unless
P = NP (Feige, 1998). Gains only shrink as the union grows, so a gain computed earlier
bounds the gain now: the lazy evaluation of Minoux (1978) recomputes only the set at the
top of a heap and picks exactly what the plain greedy would, in far fewer evaluations.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

H = TypeVar("H", bound=Hashable)
E = TypeVar("E", bound=Hashable)

# Gains are sums of weights: rounded so that equal sums taken in another order compare equal.
DIGITS = 9
GUARANTEE = 1 - 1 / 2.718281828459045


@dataclass(frozen=True, slots=True)
class Pick(Generic[H, E]):
    """One chosen set: its marginal gain and the elements it newly covered."""

    item: H
    gain: float
    covered: frozenset[E]
    forced: bool = False


def _gain(elements: Collection[E], covered: set[E], weight: Mapping[E, float] | None) -> float:
    if weight is None:
        return float(sum(1 for e in elements if e not in covered))
    return round(sum(weight.get(e, 1.0) for e in elements if e not in covered), DIGITS)


def greedy_max_coverage(
    sets: Mapping[H, Collection[E]],
    k: int,
    *,
    weight: Mapping[E, float] | None = None,
    first: Sequence[H] = (),
    order: Callable[[H], Any] | None = None,
) -> list[Pick[H, E]]:
    """Choose up to ``k`` sets covering the most weight, greedily.

    Parameters
    ----------
    sets : mapping
        Each candidate set's elements, by the set's name.
    k : int
        How many sets to choose at most, those in ``first`` included.
    weight : mapping, optional
        Each element's weight (1 when absent or when no mapping is given).
    first : sequence, optional
        Sets chosen first, in this order, whatever they add (a gain of 0 included).
    order : callable, optional
        Among sets of equal gain the one with the smallest ``order(name)`` is taken
        (default: the name itself), so the answer never depends on dict order.

    Returns
    -------
    list of Pick
        The chosen sets in the order chosen, each with its marginal gain (non-increasing
        after those of ``first``) and the elements it newly covered. Choosing stops early
        when no set adds anything.

    Notes
    -----
    The union's weight is at least (1 - 1/e) of the best ``k - len(first)`` sets added to
    ``first``: coverage given ``first`` is still monotone and submodular.

    Examples
    --------
    >>> sets = {"a": {1, 2, 3}, "b": {3, 4}, "c": {4, 5, 6, 7}}
    >>> [(p.item, p.gain, sorted(p.covered)) for p in greedy_max_coverage(sets, 2)]
    [('c', 4.0, [4, 5, 6, 7]), ('a', 3.0, [1, 2, 3])]
    >>> [(p.item, p.gain) for p in greedy_max_coverage(sets, 3, first=["b"])]
    [('b', 2.0), ('c', 3.0), ('a', 2.0)]
    """
    if k < len(first):
        raise ValueError(f"k={k} is fewer than the {len(first)} sets to be chosen first")
    key: Callable[[H], Any] = order or (lambda name: name)
    covered: set[E] = set()
    picks: list[Pick[H, E]] = []
    for name in dict.fromkeys(first):
        elements = frozenset(e for e in sets.get(name, ()) if e not in covered)
        picks.append(Pick(name, _gain(elements, set(), weight), elements, forced=True))
        covered |= elements
    taken = {p.item for p in picks}
    # Sets with the same elements are interchangeable: of each group only the first by
    # ``order`` can ever be chosen (the others gain nothing after it), so only it is weighed.
    first_of: dict[frozenset[E], tuple[Any, int, H]] = {}
    for i, name in enumerate(sets):
        if name not in taken:
            elements = frozenset(sets[name])
            entry = (key(name), i, name)
            if elements not in first_of or entry[:2] < first_of[elements][:2]:
                first_of[elements] = entry
    # (negated gain bound, order key, position): the position breaks ties of equal keys.
    heap = [(-_gain(elements, covered, weight), *entry) for elements, entry in first_of.items()]
    heap = [entry for entry in heap if entry[0] < 0]
    heapq.heapify(heap)
    while heap and len(picks) < k:
        _, rank, i, name = heapq.heappop(heap)
        gain = _gain(sets[name], covered, weight)
        if gain <= 0:
            continue
        if heap and (-gain, rank, i) > heap[0][:3]:
            heapq.heappush(heap, (-gain, rank, i, name))  # another set may now add more
            continue
        elements = frozenset(e for e in sets[name] if e not in covered)
        picks.append(Pick(name, gain, elements))
        covered |= elements
    return picks


def coverage(sets: Mapping[H, Collection[E]], chosen: Collection[H], weight: Mapping[E, float] | None = None) -> float:
    """The weight of the union of the ``chosen`` sets.

    >>> coverage({"a": {1, 2}, "b": {2, 3}}, ["a", "b"], {1: 2.0})
    4.0
    """
    union: set[E] = set()
    for name in chosen:
        union.update(sets[name])
    return _gain(union, set(), weight) if weight is not None else float(len(union))


def online_bound(
    sets: Mapping[H, Collection[E]],
    chosen: Collection[H],
    k: int,
    weight: Mapping[E, float] | None = None,
) -> float:
    """An upper bound on the best coverage of ``k`` more sets added to ``chosen``'s union.

    The union of any ``k`` sets weighs at most what ``chosen`` covers plus the ``k``
    largest gains still on offer, each distinct set counted once (Leskovec et al., 2007):
    usually far tighter than dividing the greedy value by (1 - 1/e).

    >>> online_bound({"a": {1, 2}, "b": {2, 3}, "c": {4}}, ["a"], 1)
    3.0
    """
    union: set[E] = set()
    for name in chosen:
        union.update(sets[name])
    # Each distinct set once: a second copy of a set adds nothing to the first.
    distinct = {frozenset(elements) for elements in sets.values()}
    gains = sorted((_gain(elements, union, weight) for elements in distinct), reverse=True)
    return round(coverage(sets, chosen, weight) + sum(gains[:k]), DIGITS)
