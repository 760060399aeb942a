"""Field rosters: each field's best-weighted members of each kind, kept at write time.

Candidate generation asks "who works in these fields?". Walking a field's members costs
as much as the field is large, so at a million entities a popular field costs ten times
what it did at a hundred thousand. A roster is the answer to that question prepared in
advance and bounded: per field and kind, the ``PER_KIND`` members with the highest
IN_FIELD weight (equal weights in fingerprint order, a content hash, not uid order),
stored on the field as parallel lists with each member's region. Writers that change a
field's members rebuild that field's roster; a request picks from it what suits the
asker (its region first, then an asker-dependent order), so a roster is kept several
times larger than a request takes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph_service.ontology import ACTOR_KINDS
from graph_service.store import GraphStore

PER_KIND = 60
ROSTER_KINDS = tuple(sorted(ACTOR_KINDS, key=lambda k: k.value))
CHUNK = 100


@dataclass(frozen=True, slots=True)
class Member:
    uid: str
    kind: str
    weight: float
    region: str | None


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
                ranked = zip(row["uids"], row["weights"], row["regions"], strict=True)
                members[str(row["field"])] += [
                    Member(str(u), kind.value, float(w), str(r) or None) for u, w, r in ranked
                ]
        rows_out = [
            {
                "field": f,
                "uids": [m.uid for m in ms],
                "kinds": [m.kind for m in ms],
                "weights": [m.weight for m in ms],
                "regions": [m.region or "" for m in ms],  # arrays hold no nulls
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


RosterEntry = tuple[str, str, float, str | None]


def read_rosters(store: GraphStore, fields: list[str]) -> dict[str, list[RosterEntry] | None]:
    """Each field's roster as (uid, kind, weight, region), best first within each kind; None where none was built yet.

    A roster written before regions were kept reads with no regions; the next write to
    the field, or ``rebuild_all_rosters``, adds them.
    """
    out: dict[str, list[RosterEntry] | None] = {}
    for row in store.read("field_rosters", {"fields": fields}):
        if row["uids"] is None:
            out[str(row["field"])] = None
            continue
        # Plain tuples: a request reads a few thousand members and keeps a few dozen.
        regions = [r or None for r in row["regions"]] if row["regions"] is not None else [None] * len(row["uids"])
        out[str(row["field"])] = list(zip(row["uids"], row["kinds"], row["weights"], regions, strict=True))
    return out
