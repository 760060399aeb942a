"""Percentiles of timings."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Percentiles:
    """The median and the 95th percentile of some timings, in milliseconds."""

    p50_ms: float
    p95_ms: float


def percentile(samples: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``samples`` by linear interpolation.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.5
    """
    if not samples:
        return float("nan")
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=1000, method="inclusive")[max(0, min(998, round(q * 1000) - 1))]


def summary_ms(samples_s: list[float]) -> Percentiles:
    """p50 and p95 in milliseconds of timings in seconds.

    >>> summary_ms([0.001, 0.002, 0.003])
    Percentiles(p50_ms=2.0, p95_ms=2.9)
    """
    ms = [s * 1000 for s in samples_s]
    return Percentiles(round(percentile(ms, 0.5), 3), round(percentile(ms, 0.95), 3))
