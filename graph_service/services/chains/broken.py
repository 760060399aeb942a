"""Broken transfer chains of an industry chain: technology that never moved, needs never met."""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.errors import LimitExceededError, NotFoundError
from graph_service.services.access import policy
from graph_service.store import GraphStore

MAX_ITEMS = 200


@dataclass(frozen=True, slots=True)
class BrokenChains:
    idle_achievements: tuple[tuple[str, str], ...]  # (uid, name), never transferred
    unserved_enterprises: tuple[tuple[str, str, tuple[str, ...]], ...]  # (uid, name, needed fields)
    idle_total: int
    unserved_total: int


def broken_chains(store: GraphStore, chain: str, first: int = 50) -> BrokenChains:
    """Achievements in the chain's fields never transferred, and its enterprises whose needs no transfer reached."""
    policy.require_reports()
    if not 1 <= first <= MAX_ITEMS:
        raise LimitExceededError(f"first must be between 1 and {MAX_ITEMS} / 最多返回 {MAX_ITEMS} 条")
    if not store.read("chain_segments", {"chain": chain}):
        raise NotFoundError(f"no industry chain '{chain}' / 不存在产业链「{chain}」")
    rows = store.read("transfer_broken", {"chain": chain})
    idle = sorted((str(a["uid"]), str(a["name"])) for a in (rows[0]["idle"] if rows else []) if a and a.get("uid"))
    unserved = sorted(
        (str(e["uid"]), str(e["name"]), tuple(sorted(e["needs"] or [])))
        for e in (rows[0]["unserved"] if rows else [])
        if e and e.get("uid")
    )
    return BrokenChains(tuple(idle[:first]), tuple(unserved[:first]), len(idle), len(unserved))
