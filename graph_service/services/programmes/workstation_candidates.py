"""Candidate hosts of a new workstation (工作站准入): who would qualify, and why.

An enterprise qualifies when it hosts no workstation (an exited one does not count), holds
a chain role (IN_SEGMENT) and needs (NEEDS) a field an academician works in, or a field
broader than one an academician works in. An institution qualifies when it hosts no
workstation and works (IN_FIELD) in such a field that a chain segment requires, or that
lies under a required field: its chain role is to supply that segment.

Score = 2 × fields matched + academicians matching (at most ``ACADEMICIANS_COUNTED``)
+ chain segments + 2 for a chain leader + 1 for a specialised SME; ranked by score, then uid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from graph_service.ontology import EntityKind
from graph_service.store import GraphStore

ACADEMICIANS_COUNTED = 5
NAMED = 3  # academicians and fields named in a reason


@dataclass(frozen=True, slots=True)
class Note:
    """One statement in Chinese and English."""

    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class ChainRole:
    segment: str
    name: str
    chain: str
    chain_name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class FieldMatch:
    field: str
    name: str
    name_en: str | None
    priority: int | None  # of the need; None for an institution's own field
    academicians: tuple[tuple[str, str], ...]  # (uid, name)
    academicians_en: tuple[str, ...] = ()  # their English names, where recorded, else their names


@dataclass(frozen=True, slots=True)
class CandidateHost:
    uid: str
    name: str
    name_en: str | None
    kind: EntityKind
    region: str | None
    chain_leader: bool
    specialised: bool
    matches: tuple[FieldMatch, ...]
    roles: tuple[ChainRole, ...]
    score: int
    reasons: tuple[Note, ...]


def chain_roles(rows: Iterable[Mapping[str, Any]]) -> tuple[ChainRole, ...]:
    """The chain roles a query returned, one per segment, in segment order.

    >>> [r.segment for r in chain_roles([{"segment": "s2", "name": "乙", "chain": "c", "chain_name": "链"},
    ...                                    {"segment": "s1", "name": "甲", "chain": "c", "chain_name": "链"}])]
    ['s1', 's2']
    """
    roles = {
        str(r["segment"]): ChainRole(
            str(r["segment"]),
            str(r.get("name") or r["segment"]),
            str(r["chain"]),
            str(r.get("chain_name") or ""),
            r.get("role"),
        )
        for r in rows
        if r and r.get("segment")
    }
    return tuple(roles[s] for s in sorted(roles))


def candidate_score(matches: int, academicians: int, segments: int, chain_leader: bool, specialised: bool) -> int:
    """The documented score of a candidate host.

    >>> candidate_score(matches=2, academicians=7, segments=1, chain_leader=True, specialised=False)
    12
    """
    return 2 * matches + min(academicians, ACADEMICIANS_COUNTED) + segments + 2 * chain_leader + specialised


@dataclass(frozen=True, slots=True)
class _FieldAcademicians:
    name: str
    name_en: str | None
    people: dict[str, tuple[str, str]]  # uid -> (name, English name or name)


def _academicians(store: GraphStore) -> dict[str, _FieldAcademicians]:
    """Field uid -> its names and the academicians who can serve it, for every such field."""
    out: dict[str, _FieldAcademicians] = {}
    for row in store.read("workstation_academician_fields"):
        entry = out.setdefault(
            str(row["field"]), _FieldAcademicians(str(row["field_name"]), row.get("field_name_en"), {})
        )
        name = str(row.get("name") or row["academician"])
        entry.people[str(row["academician"])] = (name, str(row.get("name_en") or name))
    return out


def _reasons(host: CandidateHost) -> tuple[Note, ...]:
    notes = []
    for m in host.matches[:NAMED]:
        who = "、".join(name for _, name in m.academicians[:NAMED])
        who_en = ", ".join(m.academicians_en[:NAMED])
        more = len(m.academicians) - NAMED
        who += f"等 {len(m.academicians)} 位" if more > 0 else ""
        who_en += f" and {more} more" if more > 0 else ""
        if m.priority is not None:
            notes.append(
                Note(
                    f"技术需求「{m.name}」（优先级 {m.priority}）有院士可对接：{who}",
                    f"Its need in {m.name_en or m.name} (priority {m.priority}) matches academicians: {who_en}",
                )
            )
        else:
            notes.append(
                Note(
                    f"研究领域「{m.name}」有院士可对接：{who}",
                    f"It works in {m.name_en or m.name}, as do academicians {who_en}",
                )
            )
    segments = "、".join(f"「{r.name}」" for r in host.roles[:NAMED])
    if len(host.roles) > NAMED:
        segments += f"等 {len(host.roles)} 个"
    if host.kind is EntityKind.ENTERPRISE:
        lead_zh, lead_en = ("，是链主企业", " and is a chain leader") if host.chain_leader else ("", "")
        notes.append(
            Note(
                f"属于{segments}环节{lead_zh}",
                f"Sits in {len(host.roles)} chain segment{'s' * (len(host.roles) != 1)}{lead_en}",
            )
        )
    else:
        notes.append(
            Note(
                f"其领域为{segments}环节所需",
                f"Its fields are required by {len(host.roles)} chain segment{'s' * (len(host.roles) != 1)}",
            )
        )
    notes.append(Note("尚未设立工作站", "Hosts no workstation yet"))
    return tuple(notes)


def _candidate(row: Mapping[str, Any], academicians: Mapping[str, _FieldAcademicians]) -> CandidateHost:
    matches = []
    for need in sorted(row["needs"], key=lambda n: (-(n.get("priority") or 0), str(n["field"]))):
        field = academicians[str(need["field"])]
        priority = need.get("priority")
        people = sorted(field.people.items())
        matches.append(
            FieldMatch(
                str(need["field"]),
                field.name,
                field.name_en,
                int(priority) if priority is not None else None,
                tuple((uid, names[0]) for uid, names in people),
                tuple(names[1] for _, names in people),
            )
        )
    roles = chain_roles(row["roles"])
    matched = {uid for m in matches for uid, _ in m.academicians}
    leader, specialised = bool(row.get("chain_leader")), bool(row.get("specialised"))
    score = candidate_score(len(matches), len(matched), len(roles), leader, specialised)
    host = CandidateHost(
        str(row["uid"]),
        str(row.get("name") or row["uid"]),
        row.get("name_en"),
        EntityKind(str(row["kind"])),
        row.get("region"),
        leader,
        specialised,
        tuple(matches),
        roles,
        score,
        (),
    )
    return replace(host, reasons=_reasons(host))


def candidate_hosts(store: GraphStore, regions: list[str], first: int) -> tuple[CandidateHost, ...]:
    """The ``first`` best candidate hosts in ``regions`` (every region when empty)."""
    academicians = _academicians(store)
    if not academicians:
        return ()
    params = {"fields": sorted(academicians), "regions": regions}
    rows = store.read("workstation_candidate_enterprises", params)
    rows += store.read("workstation_candidate_institutions", params)
    hosts = [_candidate(r, academicians) for r in rows if r["roles"]]
    hosts.sort(key=lambda h: (-h.score, h.uid))
    return tuple(hosts[:first])
