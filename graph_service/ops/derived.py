"""Everything the graph keeps derived from its entities and ties, counted again from them.

Writers refresh the derived data as they write: each field's roster, each kind's list of
the most connected, each chain segment's tally. A write whose refresh failed (a query
timeout, a process stopped between the rows and the refresh) leaves the rows in and the
derived data behind them; rebuilding counts it all again from the graph and may be repeated.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from graph_service.services.derived.segment_tallies import rebuild_all_tallies
from graph_service.services.match.popular import rebuild_popular
from graph_service.services.match.rosters import rebuild_all_rosters
from graph_service.store import GraphStore


@dataclass(frozen=True, slots=True)
class Rebuilt:
    rosters: int
    popular_lists: int
    tallies: int
    seconds: float


def rebuild_derived(store: GraphStore) -> Rebuilt:
    """Count every roster, most-connected list and segment tally again."""
    started = time.perf_counter()
    rosters = rebuild_all_rosters(store)
    lists = rebuild_popular(store)
    tallies = rebuild_all_tallies(store)
    return Rebuilt(rosters, lists, tallies, round(time.perf_counter() - started, 2))
