"""Segment tallies: each chain segment's counts, kept at write time for every region scope.

``chain_gaps`` counts, per segment, the enterprises in it, the investors, agencies and
transfers tied to them and the talent in its fields. Counted on each question that reads
every member: at a million entities one chain took 4–6 s, ten times its time at 100k. A
tally is that answer prepared for every scope a question can name (each region with the
regions within it, and every region, ``*``), stored on the segment as JSON. Writers that
touch what a segment counts refresh its tally (:func:`refresh_near`), bulk writes and
changes to the regions refresh every segment (:func:`rebuild_all_tallies`).

A refresh recounts from the graph, so a tally is exact, not adjusted by deltas. It takes a
ticket first (a write, so tickets are ordered) and stores its counts only over a tally of
an earlier ticket: when two writers refresh a segment at once, the later count stays.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import astuple, fields
from typing import Any

from graph_service.ontology import EntityKind, RelationType
from graph_service.services.chains.gap_rules import SegmentCounts
from graph_service.store import GraphStore

EVERYWHERE = "*"
FORMAT = 1
# Ties whose ends a segment counts through; WITHIN changes what a region scope holds.
TALLY_TIES = frozenset(
    {
        RelationType.IN_SEGMENT,
        RelationType.INVESTED_IN,
        RelationType.SERVES,
        RelationType.TRANSFERRED_TO,
        RelationType.IN_FIELD,
        RelationType.REQUIRES,
        RelationType.BROADER,
    }
)
SCOPE_TIES = frozenset({RelationType.WITHIN})
# Kinds whose own properties (region, chain_leader, specialised) a segment counts by.
TALLY_KINDS = frozenset(
    {
        EntityKind.ENTERPRISE,
        EntityKind.SCIENTIST,
        EntityKind.INSTITUTION,
        EntityKind.WORKSTATION,
        EntityKind.CHAIN_SEGMENT,
    }
)
# Past this many touched entities, looking up their segments costs more than recounting all.
NEAR_MAX = 2000
# Segments counted per round trip: at a million entities one segment's members are ~30k rows.
SEGMENTS_PER_COUNT = 4
_COUNT_NAMES = tuple(f.name for f in fields(SegmentCounts))

Tally = dict[str, SegmentCounts]


def region_scopes(store: GraphStore) -> dict[str, frozenset[str] | None]:
    """Each region's name with the names within it (as ``region_names`` gives them), and ``*``."""
    scopes: dict[str, set[str]] = defaultdict(set)
    for row in store.read("region_scopes"):
        name = str(row["name"])
        scopes[name] |= {name, *(str(n) for n in row["within"] if n)}
    return {EVERYWHERE: None, **{name: frozenset(names) for name, names in scopes.items()}}


def count_segments(store: GraphStore, segments: list[str]) -> dict[str, Tally]:
    """The counts of each of ``segments`` in every region scope, read from the graph."""
    scopes = region_scopes(store)
    wanted: list[dict[str, Any]] = [
        {"uid": str(r["uid"]), "fields": [f for f in r["fields"] if f]}
        for r in store.read("segment_fields", {"segments": segments})
    ]
    firms = {
        str(r["segment"]): [e for e in r["enterprises"] if e]
        for r in store.read("chain_segment_actors", {"segments": [s["uid"] for s in wanted], "regions": []})
    }
    talent: dict[str, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for row in store.read("segment_tally_talent", {"segments": wanted}):
        talent[str(row["segment"])][str(row["region"])] = (
            int(row["scientists"]),
            int(row["institutions"]),
            int(row["workstations"]),
        )
    out: dict[str, Tally] = {}
    for segment in wanted:
        uid = str(segment["uid"])
        out[uid] = _tally(firms.get(uid, []), talent.get(uid, {}), scopes)
    return out


def _tally(
    firms: list[Mapping[str, Any]],
    talent: Mapping[str, tuple[int, int, int]],
    scopes: Mapping[str, frozenset[str] | None],
) -> Tally:
    out: Tally = {}
    for scope, names in scopes.items():
        inside = [e for e in firms if names is None or e["region"] in names]
        people = [t for region, t in talent.items() if names is None or region in names]
        out[scope] = SegmentCounts(
            enterprises=len(inside),
            chain_leaders=sum(1 for e in inside if e["chain_leader"]),
            specialised=sum(1 for e in inside if e["specialised"]),
            scientists=sum(t[0] for t in people),
            institutions=sum(t[1] for t in people),
            workstations=sum(t[2] for t in people),
            investors=len({i for e in inside for i in e["investors"]}),
            agencies=len({a for e in inside for a in e["agencies"]}),
            transfers=sum(int(e["transfers"]) for e in inside),
        )
    return out


def encode(tally: Tally) -> str:
    """A tally as the JSON stored on its segment.

    >>> encode({"*": SegmentCounts(enterprises=2, transfers=1)})
    '{"format": 1, "scopes": {"*": [2, 0, 0, 0, 0, 0, 0, 0, 1]}}'
    """
    return json.dumps(
        {"format": FORMAT, "scopes": {k: list(astuple(v)) for k, v in sorted(tally.items())}}, ensure_ascii=False
    )


def decode(text: object) -> Tally | None:
    """The tally stored as ``text``; None where there is none, or one of another format.

    >>> decode(encode({"成都市": SegmentCounts(investors=3)}))["成都市"].investors
    3
    >>> decode(None) is None, decode('{"format": 0}') is None
    (True, True)
    """
    if not isinstance(text, str):
        return None
    stored = json.loads(text)
    if stored.get("format") != FORMAT:
        return None
    return {
        scope: SegmentCounts(**dict(zip(_COUNT_NAMES, counts, strict=True)))
        for scope, counts in stored["scopes"].items()
    }


def refresh_tallies(store: GraphStore, segments: Iterable[str]) -> int:
    """Recount ``segments`` and store their tallies; returns how many were stored."""
    uids = sorted(set(segments))
    written = 0
    for start in range(0, len(uids), SEGMENTS_PER_COUNT):
        chunk = uids[start : start + SEGMENTS_PER_COUNT]
        tickets = {
            str(r["segment"]): int(r["ticket"]) for r in store.write("segment_tally_ticket", {"segments": chunk})
        }
        if not tickets:
            continue
        counted = count_segments(store, sorted(tickets))
        rows = [{"segment": s, "ticket": tickets[s], "tally": encode(t)} for s, t in counted.items()]
        written += int(store.write("segment_tally_set", {"rows": rows})[0]["written"])
    return written


def rebuild_all_tallies(store: GraphStore) -> int:
    return refresh_tallies(store, (str(r["uid"]) for r in store.read("segment_uids")))


def segments_near(store: GraphStore, uids: Iterable[str]) -> set[str]:
    """The segments whose counts a write to ``uids`` can change (see ``segments_near.cypher``)."""
    found: set[str] = set()
    listed = sorted(set(uids))
    for start in range(0, len(listed), NEAR_MAX):
        for row in store.read("segments_near", {"uids": listed[start : start + NEAR_MAX]}):
            found.update(str(s) for s in row["segments"] if s)
    return found


def refresh_near(store: GraphStore, uids: Iterable[str], *, segments: Iterable[str] = ()) -> int:
    """After a write to ``uids``: refresh the tallies of the segments near them (and ``segments``)."""
    listed = set(uids)
    if len(listed) > NEAR_MAX:
        return rebuild_all_tallies(store)
    return refresh_tallies(store, segments_near(store, listed) | set(segments))
