"""The most connected entities of each kind: the candidates popularity points at.

Where attributes say nothing about who links to whom (an imported collaboration network,
a newcomer whose fields no partner shares), new ties go most often to those who already
have many: preferential attachment, the popularity baseline of link prediction.

Finding them is a pass over every tie of a kind (half a minute for the scientists of a
million-entity graph), so the lists are kept in the graph, one bookkeeping node per kind,
and a recount goes through the kind in slices of engine ids, one short statement each. A write that touches a few
entities refreshes them in place: the touched entities' degrees are counted afresh and
merged into the lists, which is exact while ties are added (an untouched entity outside
a full list has no more ties than the list's last). A bulk write, or a kind never listed,
recounts the kinds it touched. Deleting a tie or an entity drops the degrees of the ends'
neighbours by one without reordering the lists until their next recount: the lists are a
source of candidates, not a score (each candidate's degree is read fresh when profiled).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import ceil

from graph_service.ontology import ACTOR_KINDS, EntityKind
from graph_service.services.explore.paths import WARM_TIES
from graph_service.store import GraphStore

# Kept per kind.
TOP = 60
# Up to this many touched entities are merged in place; more recount their kinds.
INCREMENTAL_MAX = 1000
# A recount reads about this many entities of a kind per statement (a second or so at a million).
SLICE = 8192
LISTED_KINDS = tuple(sorted((*ACTOR_KINDS, EntityKind.ACHIEVEMENT), key=lambda k: k.value))
_TIES = sorted(t.value for t in WARM_TIES)


@dataclass(frozen=True, slots=True)
class Popular:
    uid: str
    region: str | None
    degree: int


def _row(kind: str, members: Sequence[Popular]) -> dict[str, object]:
    return {
        "kind": kind,
        "uids": [m.uid for m in members],
        "regions": [m.region or "" for m in members],  # lists hold no nulls
        "degrees": [m.degree for m in members],
    }


def _write(store: GraphStore, lists: Mapping[str, Sequence[Popular]]) -> int:
    rows = [_row(kind, members) for kind, members in sorted(lists.items())]
    return int(store.write("popular_set", {"rows": rows})[0]["written"]) if rows else 0


def rebuild_popular(store: GraphStore, kinds: Iterable[EntityKind] = LISTED_KINDS) -> int:
    """Count the social ties of every entity of ``kinds`` and keep the ``TOP`` of each; returns lists written."""
    return _write(store, {kind.value: _recount(store, kind) for kind in kinds})


def _recount(store: GraphStore, kind: EntityKind) -> list[Popular]:
    span = store.read("kind_id_span", {}, slots={"kind": kind})[0]
    members = int(span["members"])
    if not members:
        return []
    low, high = int(span["low"]), int(span["high"]) + 1
    # Slices as wide as SLICE members would be if the kind's ids were spread evenly: a kind
    # interleaved with others takes wider slices, so a small kind takes few statements.
    width = max(SLICE, ceil((high - low) * SLICE / members))
    found = []
    for start in range(low, high, width):
        params = {"ties": _TIES, "top": TOP, "low": start, "high": start + width}
        found.extend(store.read("kind_popular", params, slots={"kind": kind}))
    found.sort(key=lambda r: (-int(r["degree"]), str(r["rank_key"]), str(r["uid"])))  # the query's own order
    return [Popular(str(r["uid"]), str(r["region"]) or None, int(r["degree"])) for r in found[:TOP]]


def refresh_popular(store: GraphStore, touched: set[str] | None) -> int:
    """Take in a write to the social ties of ``touched`` (None: too many to name); returns lists written."""
    if touched is not None and not touched:
        return 0
    if touched is None or len(touched) > INCREMENTAL_MAX:
        return rebuild_popular(store)
    rows = store.read("popular_degrees", {"uids": sorted(touched), "ties": _TIES})
    fresh: dict[str, list[Popular]] = {}
    for r in rows:
        fresh.setdefault(str(r["kind"]), []).append(Popular(str(r["uid"]), str(r["region"]) or None, int(r["degree"])))
    kept = most_connected(store, [k.value for k in LISTED_KINDS])
    unlisted = [k for k in LISTED_KINDS if k.value in fresh and k.value not in kept]
    written = rebuild_popular(store, unlisted) if unlisted else 0  # a first list is counted, not merged
    lists = {}
    for kind, members in kept.items():
        # A touched entity's old entry goes (deleted, or its degree moved); its fresh one competes.
        merged = [m for m in members if m.uid not in touched] + fresh.get(kind, [])
        merged.sort(key=lambda m: -m.degree)  # stable: the kept order stays among equals
        if merged[:TOP] != members:
            lists[kind] = merged[:TOP]
    return written + _write(store, lists)


def most_connected(store: GraphStore, kinds: Sequence[str]) -> dict[str, list[Popular]]:
    """The kept lists of ``kinds``, most connected first (a kind never listed is absent)."""
    out: dict[str, list[Popular]] = {}
    for row in store.read("popular_get", {"kinds": list(kinds)}):
        ranked = zip(row["uids"], row["regions"], row["degrees"], strict=True)
        out[str(row["kind"])] = [Popular(str(u), str(r) or None, int(d)) for u, r, d in ranked]
    return out
