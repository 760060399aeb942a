"""Field rosters: each field's best-weighted members of each kind, kept at write time.

Candidate generation asks "who works in these fields?". Walking a field's members costs
as much as the field is large, so at a million entities a popular field costs ten times
what it did at a hundred thousand. A roster is the answer to that question prepared in
advance and bounded: per field and kind, the ``PER_KIND`` members with the highest
IN_FIELD weight (then by uid), stored on the field as three parallel lists. Writers that
change a field's members rebuild that field's roster; readers take slices of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph_service.ontology import ACTOR_KINDS
from graph_service.store import GraphStore

PER_KIND = 40
ROSTER_KINDS = tuple(sorted(ACTOR_KINDS, key=lambda k: k.value))
CHUNK = 100


@dataclass(frozen=True, slots=True)
class Member:
    uid: str
    kind: str
    weight: float


def rebuild_rosters(store: GraphStore, fields: Iterable[str]) -> int:
    """Rebuild the rosters of ``fields``; returns how many fields were written."""
    uids = sorted(set(fields))
    written = 0
    for start in range(0, len(uids), CHUNK):
        chunk = uids[start : start + CHUNK]
        members: dict[str, list[Member]] = {f: [] for f in chunk}
        for kind in ROSTER_KINDS:
            rows = store.read("field_roster_members", {"fields": chunk, "per_kind": PER_KIND}, slots={"kind": kind})
            for row in rows:
                ranked = sorted(zip(row["uids"], row["weights"], strict=True), key=lambda p: (-float(p[1]), str(p[0])))
                members[str(row["field"])] += [Member(str(u), kind.value, float(w)) for u, w in ranked]
        rows_out = [
            {
                "field": f,
                "uids": [m.uid for m in ms],
                "kinds": [m.kind for m in ms],
                "weights": [m.weight for m in ms],
            }
            for f, ms in members.items()
        ]
        written += int(store.write("field_roster_set", {"rows": rows_out})[0]["written"])
    return written


def rebuild_all_rosters(store: GraphStore) -> int:
    return rebuild_rosters(store, (str(r["field"]) for r in store.read("field_uids")))


def rebuild_rosters_holding(store: GraphStore, uid: str) -> int:
    """After ``uid`` left the graph: rebuild the rosters that listed it."""
    return rebuild_rosters(store, (str(r["field"]) for r in store.read("field_rosters_holding", {"uid": uid})))


def read_rosters(store: GraphStore, fields: list[str]) -> dict[str, list[tuple[str, str, float]] | None]:
    """Each field's roster as (uid, kind, weight), best first within each kind; None where none was built yet."""
    out: dict[str, list[tuple[str, str, float]] | None] = {}
    for row in store.read("field_rosters", {"fields": fields}):
        # Plain tuples: a request reads a few thousand members and keeps a few dozen.
        members = None if row["uids"] is None else list(zip(row["uids"], row["kinds"], row["weights"], strict=True))
        out[str(row["field"])] = members
    return out
