"""Technology needs as records: posted, read, listed, moved between statuses, expired.

A need is a ``TechNeed`` node (``cypher/need_*.cypher``) keyed by ``need:<ulid>``, with the
status, its history and the audit entry written in one statement per change. A move is a
compare-and-set on the status read before it, so two managers moving the same need at once
cannot both succeed; the loser is told the status it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from graph_service.domain.workflow import ChangeKind, Confidentiality, NeedStatus, RecordPage, TechNeed
from graph_service.errors import FieldProblem, InvalidInputError, NotFoundError
from graph_service.services.access.principal import Principal, Role
from graph_service.services.workflow import audit, inputs
from graph_service.services.workflow.events import status_event
from graph_service.services.workflow.records import (
    check_first,
    need_from_row,
    new_id,
    now_utc,
    page_bound,
    page_of,
    sequence,
    stamp,
    step,
    storable,
)
from graph_service.services.workflow.statuses import check_need_move
from graph_service.services.workflow.visibility import (
    may_see_need,
    require_broker,
    require_list_of,
    require_need_move,
    require_post_for,
    require_read,
    scope,
)
from graph_service.store import GraphStore

OVERDUE = (NeedStatus.OPEN, NeedStatus.IN_DOCKING)


@dataclass(frozen=True, slots=True)
class NeedDraft:
    """What a caller posts; ``enterprise`` may be left out by an enterprise posting for itself."""

    text: str
    enterprise: str | None = None
    fields: list[str] = field(default_factory=list)
    budget_min: float | None = None
    budget_max: float | None = None
    deadline: str | None = None
    region: str | None = None
    confidentiality: Confidentiality = Confidentiality.PUBLIC


def not_found(need_id: str) -> NotFoundError:
    return NotFoundError(f"no need '{need_id}' / 不存在技术需求「{need_id}」", uid=need_id)


def post_need(store: GraphStore, draft: NeedDraft, *, now: datetime | None = None) -> TechNeed:
    """Store a new open need; ``InvalidInputError`` lists every field that is wrong."""
    principal = require_read()
    owner = draft.enterprise or (principal.entity if principal.role is Role.ENTERPRISE else None)
    if not owner:
        missing = FieldProblem("enterprise", "required / 必填")
        raise InvalidInputError("say which enterprise the need is for / 请指明发布需求的企业", [missing])
    require_post_for(owner)
    moment = now or now_utc()
    problems: list[FieldProblem] = []
    text = inputs.text(draft.text, "text", inputs.MAX_NEED_TEXT, problems, required=True)
    company = inputs.enterprise(store, owner, "enterprise", problems)
    fields = inputs.fields(store, draft.fields, problems)
    inputs.budget(draft.budget_min, draft.budget_max, problems)
    deadline = inputs.deadline(draft.deadline, moment.date(), problems)
    region = inputs.region(store, draft.region, problems)
    if problems:
        raise InvalidInputError(f"the need for '{owner}' was not posted / 技术需求未发布", problems)
    at = stamp(moment)
    need_id = new_id("need", moment)
    props = storable(
        {
            "id": need_id,
            "seq": sequence(moment),
            "enterprise": owner,
            "text": text,
            "fields": fields,
            "budget_min": draft.budget_min,
            "budget_max": draft.budget_max,
            "deadline": deadline,
            "region": region,
            "enterprise_region": company.properties.get("region") if company else None,
            "confidentiality": draft.confidentiality.value,
            "status": NeedStatus.OPEN.value,
            "created_at": at,
            "created_by": principal.label,
            "updated_at": at,
            "history": [step("", NeedStatus.OPEN.value, at, principal.label, "")],
        }
    )
    entry = audit.entry(principal, audit.NEED_POSTED, need_id, "", NeedStatus.OPEN.value, "", moment)
    event = status_event(
        ChangeKind.NEED_POSTED,
        record=need_id,
        need=need_id,
        enterprise=owner,
        confidentiality=draft.confidentiality,
        from_status="",
        to_status=NeedStatus.OPEN.value,
        at=at,
        principal=principal,
    )
    rows = store.write_records("need_create", {"need": props, "audit": entry, "event": event})
    return need_from_row(rows[0]["need"])


def read_need(store: GraphStore, need_id: str) -> TechNeed | None:
    """The need as stored, whoever asks (for the services' own checks)."""
    rows = store.read("need_get", {"id": need_id}) if need_id else []
    return need_from_row(rows[0]["need"]) if rows else None


def get_need(store: GraphStore, need_id: str) -> TechNeed | None:
    """The need, or None when there is none or the caller may not see it (the two look the same)."""
    principal = require_read()
    need = read_need(store, need_id)
    return need if need is not None and may_see_need(principal, need) else None


def get_needs(store: GraphStore, need_ids: list[str]) -> dict[str, TechNeed]:
    """The needs of ``need_ids`` the caller may see, by id, in one round trip; the rest are absent."""
    principal = require_read()
    rows = store.read("needs_get", {"ids": list(dict.fromkeys(need_ids))}) if need_ids else []
    needs = (need_from_row(row["need"]) for row in rows)
    return {need.id: need for need in needs if may_see_need(principal, need)}


def list_needs(
    store: GraphStore,
    *,
    enterprise: str | None = None,
    statuses: list[NeedStatus] | None = None,
    regions: list[str] | None = None,
    fields: list[str] | None = None,
    first: int = 20,
    after: str | None = None,
) -> RecordPage[TechNeed]:
    """Needs the caller may see, newest first; an enterprise's are its own."""
    principal = require_list_of(enterprise)
    check_first(first)
    own, confidentialities = scope(principal)
    params: dict[str, Any] = {
        "before": page_bound(after),
        "enterprise": own or enterprise or "",
        "statuses": [s.value for s in statuses or []],
        "confidentialities": confidentialities,
        "regions": regions or [],
        "fields": fields or [],
        "limit": first + 1,
    }
    rows = store.read("needs_page", params)
    return page_of([row["need"] for row in rows], first, need_from_row)


def move_need(
    store: GraphStore, need: TechNeed, to: NeedStatus, note: str, principal: Principal, moment: datetime
) -> TechNeed:
    """Move ``need`` to ``to`` (checked legal by the caller) as ``principal``; the need as it is after."""
    rows = store.write_records("need_transition", move_params(need, to, note, principal, moment))
    if rows:
        return need_from_row(rows[0]["need"])
    now = read_need(store, need.id)
    if now is None:
        raise not_found(need.id)
    if now.status is to:
        return now  # the same move, made meanwhile by another request
    check_need_move(need.id, now.status, to)  # raises when the move is no longer legal
    return move_need(store, now, to, note, principal, moment)


def move_params(need: TechNeed, to: NeedStatus, note: str, principal: Principal, moment: datetime) -> dict[str, Any]:
    """What a statement moving ``need`` from its status to ``to`` writes: the compare-and-set's
    status, the changes, the history step, the audit entry and the change event."""
    at = stamp(moment)
    return {
        "id": need.id,
        "from": need.status.value,
        "changes": {"status": to.value, "updated_at": at},
        "step": step(need.status.value, to.value, at, principal.label, note),
        "audit": audit.entry(principal, audit.NEED_MOVED, need.id, need.status.value, to.value, note, moment),
        "event": status_event(
            ChangeKind.NEED_STATUS,
            record=need.id,
            need=need.id,
            enterprise=need.enterprise,
            confidentiality=need.confidentiality,
            from_status=need.status.value,
            to_status=to.value,
            at=at,
            principal=principal,
            note=note,
        ),
    }


def change_need_status(
    store: GraphStore, need_id: str, to: NeedStatus, *, note: str = "", now: datetime | None = None
) -> TechNeed:
    """Move a need; moving it to the status it has changes nothing (a re-sent request)."""
    principal = require_read()
    problems: list[FieldProblem] = []
    note = inputs.text(note, "note", inputs.MAX_NOTE, problems)
    if problems:
        raise InvalidInputError("the note was refused / 备注无效", problems)
    need = read_need(store, need_id)
    if need is None or not may_see_need(principal, need):
        raise not_found(need_id)
    require_need_move(principal, need, to)
    if need.status is to:
        return need
    check_need_move(need.id, need.status, to)
    return move_need(store, need, to, note, principal, now or now_utc())


def expire_overdue(store: GraphStore, *, today: date | None = None) -> list[TechNeed]:
    """Move every open or docking need whose deadline is before ``today`` to expired (brokers only)."""
    principal = require_broker()
    moment = now_utc()
    day = (today or moment.date()).isoformat()
    rows = store.read("needs_overdue", {"statuses": [s.value for s in OVERDUE], "today": day})
    expired = []
    for row in rows:
        need = read_need(store, str(row["id"]))
        if need is None or need.status not in OVERDUE:
            continue
        note = f"deadline {need.deadline} passed / 已过截止日期 {need.deadline}"
        expired.append(move_need(store, need, NeedStatus.EXPIRED, note, principal, moment))
    return expired
