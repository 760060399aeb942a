"""The audit log: one ``AuditEntry`` node per change, written in the statement that makes the change.

Each write query of the workflow (``need_create``, ``need_transition``, ``introduction_*``)
creates its entry itself, so a change and its entry commit together or not at all, on both
engines. An entry says who (the principal's label, role and token id), when, what (action,
record id, status before and after) and the note given. Admins read it, newest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from graph_service.domain.workflow import AuditEntry, RecordPage
from graph_service.services.access.principal import Principal
from graph_service.services.workflow.records import check_first, new_id, page_bound, page_of, sequence, stamp
from graph_service.services.workflow.visibility import require_audit
from graph_service.store import GraphStore

# The actions an entry may name.
NEED_POSTED = "need.post"
NEED_MOVED = "need.status"
NEED_EDITED = "need.edit"
INTRODUCTION_PROPOSED = "introduction.propose"
INTRODUCTION_MOVED = "introduction.status"
INTRODUCTION_AGREED = "introduction.agree"  # agreed and the relationship written, one statement


def entry(
    principal: Principal, action: str, record: str, before: str, after: str, note: str, at: datetime
) -> dict[str, Any]:
    """The properties of the entry logging one change, for the query that makes the change."""
    return {
        "id": new_id("audit", at),
        "seq": sequence(at),
        "at": stamp(at),
        "actor": principal.label,
        "role": principal.role.value,
        "token": principal.token_id or "",
        "action": action,
        "record": record,
        "before": before,
        "after": after,
        "note": note,
    }


def _entry_from_row(row: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=str(row["id"]),
        at=str(row["at"]),
        actor=str(row["actor"]),
        role=str(row["role"]),
        action=str(row["action"]),
        record=str(row["record"]),
        before=str(row.get("before") or ""),
        after=str(row.get("after") or ""),
        note=str(row.get("note") or ""),
    )


def audit_log(
    store: GraphStore, *, record: str | None = None, first: int = 20, after: str | None = None
) -> RecordPage[AuditEntry]:
    """A page of the log, newest first, optionally of one record; admins only."""
    require_audit()
    check_first(first)
    rows = store.read("audit_page", {"before": page_bound(after), "record": record or "", "limit": first + 1})
    return page_of([row["entry"] for row in rows], first, _entry_from_row)
