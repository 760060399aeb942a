"""Change events: what subscribers (the ``changes`` query, the Atom and JSON feeds) are told.

An event is a ``ChangeEvent`` node keyed by ``event:<ulid>``, written in the statement that
makes the change it tells of (``need_create``, ``need_transition``, ``introduction_*``), so
a change and its event commit together or not at all, as its audit entry does. The sweep
writes the fourth kind, the candidates new in an open need's top list
(``services/workflow/sweep.py``).

**Why events of their own, not the audit log read back.** An audit entry names the token
and is the admins' alone; an event carries what its readers may see and nothing more: the
enterprise and confidentiality of its record (so a subscriber's page is filtered by the
same ``scope`` as a listing, in the query, never after it), the statuses, the moment, who
moved it as the record's history names them, the history step's note, and the partner's
uid and kind. No contact details ever: they are read from the partner's entity, and only
where ``services/workflow/contact.py`` allows, never copied into an event.

**Paging.** Oldest first after a cursor, the ``seq`` of the last event read. The statement
that writes an event numbers it one after the last (``cypher/fragments/number_event.cypher``),
so events are numbered in the order they commit, whichever process wrote them and whatever
its clock says, and a subscriber resuming after N never misses an event committed later.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph_service.domain.workflow import (
    ChangeEvent,
    ChangeKind,
    Confidentiality,
    FoundCandidate,
    IntroductionStatus,
    NeedStatus,
    names,
)
from graph_service.errors import InvalidInputError
from graph_service.services.access.principal import Principal
from graph_service.services.workflow.records import check_first, new_id, now_utc, storable
from graph_service.services.workflow.visibility import may_see_event, require_read, scope
from graph_service.store import GraphStore


@dataclass(frozen=True, slots=True)
class ChangePage:
    """Events oldest first, the cursor to resume from (the last read, or the one given) and whether more wait."""

    events: list[ChangeEvent] = field(default_factory=list)
    cursor: str | None = None
    has_more: bool = False


def status_event(
    kind: ChangeKind,
    *,
    record: str,
    need: str | None,
    enterprise: str,
    confidentiality: Confidentiality,
    from_status: str,
    to_status: str,
    at: str,
    principal: Principal,
    note: str = "",
    partner: str | None = None,
    partner_kind: str | None = None,
) -> dict[str, Any]:
    """The properties of the event telling of one posted or moved record, for the query that writes it."""
    written = now_utc()
    return storable(
        {
            "id": new_id("event", written),
            "kind": kind.value,
            "at": at,
            "record": record,
            "need": need,
            "enterprise": enterprise,
            "confidentiality": confidentiality.value,
            "from": from_status,
            "to": to_status,
            "by": principal.label,  # as the history step names them
            "note": note,
            "partner": partner,
            "partner_kind": partner_kind,
        }
    )


def candidates_event(
    *,
    need: str,
    enterprise: str,
    confidentiality: Confidentiality,
    found: Sequence[FoundCandidate],
    version: str,
    at: str,
) -> dict[str, Any]:
    """The properties of the event naming candidates new in a need's top list at graph ``version``."""
    written = now_utc()
    return {
        "id": new_id("event", written),
        "kind": ChangeKind.CANDIDATES_FOUND.value,
        "at": at,
        "record": need,
        "need": need,
        "enterprise": enterprise,
        "confidentiality": confidentiality.value,
        "by": "",
        "note": "",
        "version": version,
        "candidates": [
            json.dumps({"uid": c.uid, "kind": c.kind, "name": c.name, "rank": c.rank}, ensure_ascii=False)
            for c in found
        ],
    }


def event_from_row(row: Mapping[str, Any]) -> ChangeEvent:
    found = tuple(
        FoundCandidate(str(c["uid"]), str(c["kind"]), str(c["name"]), int(c["rank"]))
        for c in (json.loads(text) for text in row.get("candidates") or [])
    )
    return ChangeEvent(
        id=str(row["id"]),
        seq=int(row["seq"]),
        kind=ChangeKind(row["kind"]),
        at=str(row["at"]),
        record=str(row["record"]),
        need=str(row["need"]) if row.get("need") else None,
        enterprise=str(row["enterprise"]),
        from_status=str(row.get("from") or ""),
        to_status=str(row.get("to") or ""),
        by=str(row.get("by") or ""),
        note=str(row.get("note") or ""),
        partner=str(row["partner"]) if row.get("partner") else None,
        partner_kind=str(row["partner_kind"]) if row.get("partner_kind") else None,
        candidates=found,
    )


def _after(cursor: str | None) -> int:
    if cursor is None or cursor == "":
        return 0
    try:
        value = int(cursor)
    except ValueError:
        raise InvalidInputError("invalid cursor / 无效的游标") from None
    if value < 0:
        raise InvalidInputError("invalid cursor / 无效的游标")
    return value


def _visible(principal: Principal, rows: Sequence[Mapping[str, Any]]) -> list[ChangeEvent]:
    # The query is already narrowed by scope(); checked again here, as every listing's callers are.
    events = []
    for row in rows:
        confidentiality = Confidentiality(row.get("confidentiality") or Confidentiality.PUBLIC)
        if may_see_event(principal, str(row["enterprise"]), confidentiality):
            events.append(event_from_row(row))
    return events


def changes(store: GraphStore, *, since: str | None = None, first: int = 50) -> ChangePage:
    """The events the caller may see after ``since`` (a page's cursor), oldest first."""
    principal = require_read()
    check_first(first)
    after = _after(since)
    own, confidentialities = scope(principal)
    params = {"after": after, "enterprise": own, "confidentialities": confidentialities, "limit": first + 1}
    rows = [row["event"] for row in store.read("changes_page", params)]
    events = _visible(principal, rows[:first])
    last = rows[:first][-1]["seq"] if rows[:first] else None
    cursor = str(last) if last is not None else (None if since is None else str(after))
    return ChangePage(events, cursor, len(rows) > first)


def latest_changes(store: GraphStore, *, first: int = 50) -> list[ChangeEvent]:
    """The caller's latest events, newest first (a feed read without a cursor)."""
    principal = require_read()
    check_first(first)
    own, confidentialities = scope(principal)
    params = {"enterprise": own, "confidentialities": confidentialities, "limit": first}
    return _visible(principal, [row["event"] for row in store.read("changes_latest", params)])


def _status_names(event: ChangeEvent, status: str) -> tuple[str, str]:
    if not status:
        return "", ""
    need_kinds = (ChangeKind.NEED_POSTED, ChangeKind.NEED_STATUS, ChangeKind.NEED_EDITED)
    vocabulary = NeedStatus if event.kind in need_kinds else IntroductionStatus
    return names(vocabulary(status))


def title(event: ChangeEvent) -> tuple[str, str]:
    """The event in one line, Chinese then English, as feeds and the API title it.

    >>> title(ChangeEvent("event:1", 1, ChangeKind.NEED_STATUS, "", "need:1", "need:1", "ent:x", "open", "expired"))
    ('技术需求 need:1：待对接 → 已过期', 'Need need:1: open → expired')
    """
    kind_zh, kind_en = names(event.kind)
    if event.kind is ChangeKind.CANDIDATES_FOUND:
        who_zh = "、".join(c.name for c in event.candidates)
        who_en = ", ".join(c.name for c in event.candidates)
        return f"技术需求 {event.record} {kind_zh}：{who_zh}", f"Need {event.record}: {kind_en}: {who_en}"
    record_zh, record_en = ("技术需求", "Need") if event.record.startswith("need:") else ("对接引荐", "Introduction")
    if event.kind is ChangeKind.NEED_EDITED:
        return f"{record_zh} {event.record}：{kind_zh}", f"{record_en} {event.record}: {kind_en}"
    to_zh, to_en = _status_names(event, event.to_status)
    if not event.from_status:
        return f"{record_zh} {event.record}：{kind_zh}", f"{record_en} {event.record}: {kind_en}"
    from_zh, from_en = _status_names(event, event.from_status)
    return (
        f"{record_zh} {event.record}：{from_zh} → {to_zh}",
        f"{record_en} {event.record}: {from_en} → {to_en}",
    )
