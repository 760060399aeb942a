"""Batching rows for UNWIND writes, with one row per key in each batch.

FalkorDB 4.16 crashes on a relationship MERGE whose batch repeats a (source, type,
target) pair, and ends in a different state than Neo4j when a batch repeats a node key;
so every batch is de-duplicated before it is sent, keeping the last row of each key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any


def unique_batches(
    rows: Iterable[Mapping[str, Any]],
    key: Callable[[Mapping[str, Any]], Hashable],
    size: int,
) -> Iterator[list[Mapping[str, Any]]]:
    """Consecutive batches of at most ``size`` rows, each key once per batch (last wins).

    >>> [len(b) for b in unique_batches([{"k": 1}, {"k": 1}, {"k": 2}], lambda r: r["k"], 10)]
    [2]
    """
    if size < 1:
        raise ValueError("batch size must be positive")
    batch: dict[Hashable, Mapping[str, Any]] = {}
    for row in rows:
        k = key(row)
        if k in batch:
            # Keep the position of the first occurrence, the values of the last.
            batch[k] = row
            continue
        if len(batch) >= size:
            yield list(batch.values())
            batch = {}
        batch[k] = row
    if batch:
        yield list(batch.values())


def send_batches(
    send: Callable[[list[Mapping[str, Any]]], object],
    rows: Iterable[Mapping[str, Any]],
    key: Callable[[Mapping[str, Any]], Hashable],
    size: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Pass each de-duplicated batch to ``send``; returns how many rows were sent."""
    sent = 0
    for batch in unique_batches(rows, key, size):
        send(batch)
        sent += len(batch)
        if progress:
            progress(len(batch))
    return sent
