"""Ranking metrics with binary relevance."""

from __future__ import annotations

import math
from collections.abc import Sequence


def recall_at(ranked: Sequence[str], truth: set[str], k: int) -> float:
    """Share of the true answers found in the top ``k``.

    >>> recall_at(["a", "b", "c"], {"b", "z"}, 2)
    0.5
    """
    return len(set(ranked[:k]) & truth) / len(truth) if truth else 0.0


def ndcg_at(ranked: Sequence[str], truth: set[str], k: int) -> float:
    """Normalised discounted cumulative gain of the top ``k``.

    >>> round(ndcg_at(["x", "a"], {"a"}, 10), 3)
    0.631
    """
    gain = sum(1 / math.log2(i + 2) for i, item in enumerate(ranked[:k]) if item in truth)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(truth))))
    return gain / ideal if ideal else 0.0


def hit_at(ranked: Sequence[str], truth: set[str], k: int) -> float:
    """1 when any true answer is in the top ``k``."""
    return 1.0 if set(ranked[:k]) & truth else 0.0
