"""Per-caller rate limits measured in query cost: a leaky bucket per token.

A bucket holds up to ``capacity`` cost units and refills at ``refill_per_second``; an
operation takes its cost from the bucket before it runs, or is refused with
``LIMIT_EXCEEDED`` and the seconds until it would fit. Buckets live in each service
worker, so with N workers a caller may spend up to N buckets; a shared store (the engine)
would be needed to make it exact, which one bucket per worker does not warrant.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Bucket:
    level: float
    updated: float


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: float


class RateLimiter:
    """Leaky buckets keyed by caller (token id, or the client's address when anonymous)."""

    def __init__(
        self,
        capacity: int,
        refill_per_second: float,
        *,
        max_callers: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = capacity
        self.refill = refill_per_second
        self._max_callers = max_callers
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, Bucket] = {}

    def take(self, caller: str, cost: int, now: float | None = None, *, refused: bool = False) -> Decision:
        """Take ``cost`` from the caller's bucket if it holds that much.

        Work already refused (a document priced past the limit) is charged whatever the
        bucket holds: ``refused`` drains it by ``cost`` down to empty.
        """
        now = self._clock() if now is None else now
        with self._lock:
            bucket = self._buckets.get(caller)
            if bucket is None:
                if len(self._buckets) >= self._max_callers:
                    # Full buckets carry no information: forgetting them is free.
                    self._buckets = {k: b for k, b in self._buckets.items() if b.level < self.capacity}
                bucket = self._buckets[caller] = Bucket(float(self.capacity), now)
            bucket.level = min(float(self.capacity), bucket.level + (now - bucket.updated) * self.refill)
            bucket.updated = now
            if cost <= bucket.level:
                bucket.level -= cost
                return Decision(True, int(bucket.level), 0.0)
            if refused:
                bucket.level = 0.0
            shortfall = min(cost, self.capacity) - bucket.level
            return Decision(False, int(bucket.level), round(max(shortfall, 0.0) / self.refill, 2))

    @property
    def callers(self) -> int:
        """How many callers' buckets are held (full ones are forgotten once ``max_callers`` is reached)."""
        with self._lock:
            return len(self._buckets)
