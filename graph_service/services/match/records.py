"""The whole transfer and investment record of the candidates a recommendation returns.

Scoring reads each pooled candidate's record only up to ``RECORD_CAP`` (past it
credibility is full); the reasons of what is returned state exact counts, so those few
candidates' records are read in full, in one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph_service.store import GraphStore


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """A candidate's transferred achievements (each once) and its investments."""

    transfers: list[dict[str, Any]] = field(default_factory=list)
    portfolio: int = 0
    portfolio_sample: list[str] = field(default_factory=list)


NO_RECORD = TrackRecord()


def distinct_transfers(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each transferred achievement once (a brokered-and-developed one too), by uid."""
    seen: dict[str, dict[str, Any]] = {}
    for t in rows:
        if t and t.get("achievement") and t["achievement"] not in seen:
            seen[str(t["achievement"])] = dict(t)
    return [seen[a] for a in sorted(seen)]


def read_records(store: GraphStore, uids: Iterable[str]) -> dict[str, TrackRecord]:
    """The records of ``uids`` (an entity without any has none in the answer)."""
    wanted = sorted(set(uids))
    rows = store.read("recommend_records", {"uids": wanted}) if wanted else []
    return {
        str(r["uid"]): TrackRecord(
            distinct_transfers(r["transfers"] or []),
            int(r["portfolio"] or 0),
            [str(u) for u in r["portfolio_sample"] or []],
        )
        for r in rows
    }
