"""Segment tallies: each chain segment's counts, kept at write time for every region scope.

``chain_gaps`` counts, per segment, the enterprises in it, the investors, agencies and
transfers tied to them and the talent in its fields. Counted on each question that reads
every member: at a million entities one chain took 4–6 s, ten times its time at 100k. A
tally is that answer prepared for every scope a question can name (each region with the
regions within it, and every region, ``*``), stored on the segment as JSON in two parts,
its enterprises' side and its talent. Writers that touch what a segment counts refresh
the part they touch (:func:`refresh_near`); bulk writes and changes to the regions
refresh every segment whole (:func:`rebuild_all_tallies`).

A refresh recounts from the graph, so a tally is exact, not adjusted by deltas. It takes a
ticket first (a write, so tickets are ordered) and stores each part only over one counted
under an earlier ticket: when two writers refresh a segment at once, the later count stays.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

from graph_service.domain.segment_counts import SegmentCounts
from graph_service.ontology import EntityKind, RelationType
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
# Segments counted per statement, grown from one while counting is quick. At a million
# entities one segment's talent took up to 7 s and a statement is cut off at the engine's
# query timeout (30 s), so one it stays; in a city's graph a segment takes milliseconds and
# a statement each (four per segment) was most of an import's derived refresh: 9 s of a
# 3,000-entity demo load on Neo4j.
SEGMENTS_PER_COUNT_MAX = 32
# The counting time a statement is sized for, from the last statement's time per segment.
COUNT_BUDGET_S = 0.25
# The two parts of a tally, each recounted on its own: counting a segment's talent at a
# million entities takes 1-7 s, its enterprises 0.1-0.6 s, and most writes touch one side.
ACTOR_COUNTS = ("enterprises", "chain_leaders", "specialised", "investors", "agencies", "transfers")
TALENT_COUNTS = ("scientists", "institutions", "workstations")
assert set(ACTOR_COUNTS) | set(TALENT_COUNTS) == {f.name for f in fields(SegmentCounts)}

Part = dict[str, list[int]]  # scope -> counts, in the order of ACTOR_COUNTS or TALENT_COUNTS
Tally = dict[str, SegmentCounts]
Scopes = Mapping[str, frozenset[str] | None]  # scope -> the region names it holds (None: all)


def region_scopes(store: GraphStore) -> dict[str, frozenset[str] | None]:
    """Each region's name with the names within it (as ``region_names`` gives them), and ``*``."""
    scopes: dict[str, set[str]] = defaultdict(set)
    for row in store.read("region_scopes"):
        name = str(row["name"])
        scopes[name] |= {name, *(str(n) for n in row["within"] if n)}
    return {EVERYWHERE: None, **{name: frozenset(names) for name, names in scopes.items()}}


@dataclass(slots=True)
class Near:
    """Segments whose enterprise-side counts (``actors``) or talent counts (``talent``) a write changes."""

    actors: set[str] = field(default_factory=set)
    talent: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.actors or self.talent)


def count_actors(store: GraphStore, segments: list[str], scopes: Scopes) -> dict[str, Part]:
    """Each segment's enterprises, chain leaders, specialised SMEs, investors, agencies and transfers, per scope."""
    rows = store.read("chain_segment_actors", {"segments": segments, "regions": []})
    out: dict[str, Part] = {}
    for row in rows:
        firms = [e for e in row["enterprises"] if e]
        part: Part = {}
        for scope, names in scopes.items():
            inside = [e for e in firms if names is None or e["region"] in names]
            part[scope] = [
                len(inside),
                sum(1 for e in inside if e["chain_leader"]),
                sum(1 for e in inside if e["specialised"]),
                len({i for e in inside for i in e["investors"]}),
                len({a for e in inside for a in e["agencies"]}),
                sum(int(e["transfers"]) for e in inside),
            ]
        out[str(row["segment"])] = part
    return out


def count_talent(store: GraphStore, segments: list[str], scopes: Scopes) -> dict[str, Part]:
    """Each segment's scientists, institutions and workstations in its fields, per scope."""
    wanted = [
        {"uid": str(r["uid"]), "fields": [f for f in r["fields"] if f]}
        for r in store.read("segment_fields", {"segments": segments})
    ]
    by_region: dict[str, dict[str, list[int]]] = {str(s["uid"]): {} for s in wanted}
    for row in store.read("segment_tally_talent", {"segments": wanted}):
        by_region[str(row["segment"])][str(row["region"])] = [
            int(row["scientists"]),
            int(row["institutions"]),
            int(row["workstations"]),
        ]
    out: dict[str, Part] = {}
    for uid, regions in by_region.items():
        part: Part = {}
        for scope, names in scopes.items():
            inside = [c for region, c in regions.items() if names is None or region in names]
            part[scope] = [sum(c[i] for c in inside) for i in range(len(TALENT_COUNTS))]
        out[uid] = part
    return out


def encode(part: Part) -> str:
    """One part of a tally as the JSON stored on its segment.

    >>> encode({"*": [2, 0, 0, 0, 0, 1]})
    '{"format": 1, "scopes": {"*": [2, 0, 0, 0, 0, 1]}}'
    """
    return json.dumps({"format": FORMAT, "scopes": dict(sorted(part.items()))}, ensure_ascii=False)


def _part(text: object, names: tuple[str, ...]) -> dict[str, dict[str, int]] | None:
    if not isinstance(text, str):
        return None
    stored = json.loads(text)
    if stored.get("format") != FORMAT:
        return None
    return {scope: dict(zip(names, counts, strict=True)) for scope, counts in stored["scopes"].items()}


def decode(actors: object, talent: object) -> Tally | None:
    """The tally stored as its two parts; None where either is missing, or of another format.

    >>> tally = decode(encode({"成都市": [1, 0, 0, 3, 0, 0]}), encode({"成都市": [5, 0, 1]}))
    >>> tally["成都市"].investors, tally["成都市"].scientists
    (3, 5)
    >>> decode(None, None) is None, decode('{"format": 0}', encode({})) is None
    (True, True)
    """
    firms = _part(actors, ACTOR_COUNTS)
    people = _part(talent, TALENT_COUNTS)
    if firms is None or people is None:
        return None
    return {scope: SegmentCounts(**firms[scope], **people[scope]) for scope in firms.keys() & people.keys()}


def next_chunk(size: int, per_segment_s: float) -> int:
    """How many segments the next statement counts, after ``size`` took ``per_segment_s`` each.

    At most twice as many as the last: one quick statement (a small segment) does not let a
    large one through whole.

    >>> next_chunk(1, 0.002), next_chunk(16, 0.002), next_chunk(32, 0.02), next_chunk(4, 0.2), next_chunk(2, 7.0)
    (2, 32, 12, 1, 1)
    """
    fits = int(COUNT_BUDGET_S / per_segment_s) if per_segment_s > 0 else SEGMENTS_PER_COUNT_MAX
    return max(1, min(SEGMENTS_PER_COUNT_MAX, 2 * size, fits))


def refresh_tallies(store: GraphStore, near: Near) -> int:
    """Recount what ``near`` names and store it; returns how many segments were stored."""
    uids = sorted(near.actors | near.talent)
    if not uids:
        return 0
    scopes = region_scopes(store)  # read once: the counting statements follow
    written = 0
    start, size = 0, 1  # one segment first: its time sizes the next statement
    while start < len(uids):
        chunk = uids[start : start + size]
        start += len(chunk)
        tickets = {
            str(r["segment"]): int(r["ticket"]) for r in store.write("segment_tally_ticket", {"segments": chunk})
        }
        if not tickets:
            continue
        counting = time.perf_counter()
        actors = count_actors(store, sorted(near.actors & tickets.keys()), scopes)
        talent = count_talent(store, sorted(near.talent & tickets.keys()), scopes)
        size = next_chunk(len(chunk), (time.perf_counter() - counting) / len(tickets))
        rows = [
            {
                "segment": s,
                "ticket": ticket,
                "actors": encode(actors[s]) if s in actors else None,
                "talent": encode(talent[s]) if s in talent else None,
            }
            for s, ticket in tickets.items()
        ]
        written += int(store.write("segment_tally_set", {"rows": rows})[0]["written"])
    return written


def rebuild_all_tallies(store: GraphStore) -> int:
    every = {str(r["uid"]) for r in store.read("segment_uids")}
    return refresh_tallies(store, Near(every, set(every)))


def segments_near(store: GraphStore, uids: Iterable[str]) -> Near:
    """The segments whose counts a write to ``uids`` can change (see ``segments_near.cypher``)."""
    found = Near()
    listed = sorted(set(uids))
    for start in range(0, len(listed), NEAR_MAX):
        for row in store.read("segments_near", {"uids": listed[start : start + NEAR_MAX]}):
            found.actors.update(str(s) for s in row["actors"] if s)
            found.talent.update(str(s) for s in row["talent"] if s)
    return found


def refresh_near(store: GraphStore, uids: Iterable[str]) -> int:
    """After a write to ``uids``: refresh the tallies of the segments near them."""
    listed = set(uids)
    if len(listed) > NEAR_MAX:
        return rebuild_all_tallies(store)
    return refresh_tallies(store, segments_near(store, listed))
