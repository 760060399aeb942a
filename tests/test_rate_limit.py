"""The rate limiter's buckets on a clock the test moves: refill, its cap, refusal, eviction, to the unit."""

from __future__ import annotations

import inspect
import time

import pytest

from graph_service.api.graphql.rate_limit import Decision, RateLimiter

# Powers of two keep the arithmetic exact: boundaries are hit, not approached.
CAPACITY, REFILL = 8, 2.0


class Clock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limiter(clock: Clock) -> RateLimiter:
    return RateLimiter(CAPACITY, REFILL, clock=clock)


def test_a_new_caller_starts_full_and_may_spend_exactly_all(limiter: RateLimiter) -> None:
    assert limiter.take("a", CAPACITY) == Decision(True, 0, 0.0)
    assert limiter.take("a", 1) == Decision(False, 0, 0.5)


def test_one_more_than_the_bucket_holds_is_refused_and_takes_nothing(limiter: RateLimiter) -> None:
    assert limiter.take("a", 3) == Decision(True, 5, 0.0)
    assert limiter.take("a", 6) == Decision(False, 5, 0.5)
    assert limiter.take("a", 5) == Decision(True, 0, 0.0)


def test_the_bucket_refills_at_its_rate_to_the_unit(limiter: RateLimiter, clock: Clock) -> None:
    limiter.take("a", CAPACITY)
    clock.advance(0.5)  # one unit back
    assert limiter.take("a", 2) == Decision(False, 1, 0.5)
    assert limiter.take("a", 1) == Decision(True, 0, 0.0)
    clock.advance(0.75)  # one and a half units: the half is kept, the remaining shows whole units
    assert limiter.take("a", 2) == Decision(False, 1, 0.25)
    clock.advance(0.25)
    assert limiter.take("a", 2) == Decision(True, 0, 0.0)


def test_refill_stops_at_the_capacity(limiter: RateLimiter, clock: Clock) -> None:
    limiter.take("a", 1)
    clock.advance(3600)
    assert limiter.take("a", CAPACITY) == Decision(True, 0, 0.0)
    assert limiter.take("a", 1).allowed is False


def test_a_cost_past_the_capacity_waits_only_for_a_full_bucket(limiter: RateLimiter, clock: Clock) -> None:
    assert limiter.take("a", CAPACITY + 1) == Decision(False, CAPACITY, 0.0)
    limiter.take("a", 4)
    assert limiter.take("a", 100) == Decision(False, 4, 2.0)


def test_refused_work_drains_the_bucket(limiter: RateLimiter, clock: Clock) -> None:
    limiter.take("a", 5)
    assert limiter.take("a", 6) == Decision(False, 3, 1.5), "plain refusal keeps what the bucket holds"
    assert limiter.take("a", 6, refused=True) == Decision(False, 0, 3.0)
    assert limiter.take("a", 1) == Decision(False, 0, 0.5)
    clock.advance(4)
    assert limiter.take("a", 8, refused=True) == Decision(True, 0, 0.0), "what fits is taken as usual"


def test_callers_have_buckets_of_their_own(limiter: RateLimiter) -> None:
    limiter.take("a", CAPACITY)
    assert limiter.take("b", CAPACITY) == Decision(True, 0, 0.0)
    assert limiter.callers == 2


def test_at_max_callers_full_buckets_are_forgotten_and_spent_ones_kept(clock: Clock) -> None:
    limiter = RateLimiter(CAPACITY, REFILL, max_callers=3, clock=clock)
    limiter.take("spent", 2)
    limiter.take("full", 0)
    limiter.take("third", 0)
    assert limiter.callers == 3, "no eviction below the limit"
    limiter.take("third", 0)
    assert limiter.callers == 3, "a known caller evicts nobody"
    limiter.take("fourth", 1)
    assert limiter.callers == 2, "full and third forgotten, spent kept, fourth added"
    assert limiter.take("spent", CAPACITY) == Decision(False, 6, 1.0), "the spent bucket was not reset"
    limiter.take("fifth", 0)
    assert limiter.callers == 3


def test_eviction_starts_exactly_at_max_callers(clock: Clock) -> None:
    limiter = RateLimiter(CAPACITY, REFILL, max_callers=2, clock=clock)
    limiter.take("a", 0)
    limiter.take("b", 0)
    assert limiter.callers == 2
    limiter.take("c", 0)
    assert limiter.callers == 1, "both full buckets forgotten once two are held"


def test_time_comes_from_the_clock_unless_given(limiter: RateLimiter, clock: Clock) -> None:
    limiter.take("a", CAPACITY)
    assert limiter.take("a", 1, now=clock.now + 0.5).allowed is True
    assert inspect.signature(RateLimiter).parameters["clock"].default is time.monotonic


def test_the_wait_is_told_to_the_hundredth_of_a_second(clock: Clock) -> None:
    limiter = RateLimiter(3, 3.0, clock=clock)
    limiter.take("a", 3)
    assert limiter.take("a", 1).retry_after == 0.33


def test_by_default_ten_thousand_callers_are_held(clock: Clock) -> None:
    limiter = RateLimiter(CAPACITY, REFILL, clock=clock)
    for i in range(10_000):
        limiter.take(f"caller {i}", 0)
    assert limiter.callers == 10_000
    limiter.take("one more", 0)
    assert limiter.callers == 1, "every full bucket forgotten"
