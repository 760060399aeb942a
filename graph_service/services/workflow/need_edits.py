"""Editing a posted need: its text, fields, budget, deadline, region preference, confidentiality.

Who may edit is who may post it (``require_post_for``): a broker any need, an enterprise its
own. Only a need still open or in docking is edited; a met, withdrawn or expired one is a
closed record. An edit replaces the editable fields as the posting form holds them, keeps
the status, and is written like a move (``cypher/need_edit.cypher``): the fields, a history
step from the status to itself whose note says what changed, the audit entry and the change
event, in one compare-and-set statement. An edit that changes nothing writes nothing, so a
re-sent form is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graph_service.domain.workflow import ChangeKind, Confidentiality, NeedStatus, TechNeed
from graph_service.errors import FieldProblem, InvalidInputError
from graph_service.services.workflow import audit, inputs
from graph_service.services.workflow.events import status_event
from graph_service.services.workflow.needs import not_found, read_need
from graph_service.services.workflow.records import need_from_row, now_utc, stamp, step
from graph_service.services.workflow.visibility import may_see_need, require_post_for, require_read
from graph_service.store import GraphStore

EDITABLE = (NeedStatus.OPEN, NeedStatus.IN_DOCKING)

# The editable fields in the order a note names them, with their names in both languages.
_NAMES = {
    "text": ("需求描述", "text"),
    "fields": ("技术领域", "fields"),
    "budget_min": ("预算下限", "budget from"),
    "budget_max": ("预算上限", "budget up to"),
    "deadline": ("截止日期", "deadline"),
    "region": ("地区偏好", "region"),
    "confidentiality": ("保密级别", "confidentiality"),
}


@dataclass(frozen=True, slots=True)
class NeedEdit:
    """The editable fields as the form holds them: each replaces the stored value."""

    text: str
    fields: list[str] = field(default_factory=list)
    budget_min: float | None = None
    budget_max: float | None = None
    deadline: str | None = None
    region: str | None = None
    confidentiality: Confidentiality = Confidentiality.PUBLIC


def _values(need: TechNeed) -> dict[str, Any]:
    return {
        "text": need.text,
        "fields": list(need.fields),
        "budget_min": need.budget_min,
        "budget_max": need.budget_max,
        "deadline": need.deadline,
        "region": need.region,
        "confidentiality": need.confidentiality.value,
    }


def changed_note(changed: list[str], note: str) -> str:
    """What a history step says of an edit.

    >>> changed_note(["text", "budget_max"], "按新预算")
    '修改：需求描述、预算上限 / edited: text, budget up to — 按新预算'
    """
    zh = "、".join(_NAMES[name][0] for name in changed)
    en = ", ".join(_NAMES[name][1] for name in changed)
    return f"修改：{zh} / edited: {en}" + (f" — {note}" if note else "")


def edit_need(
    store: GraphStore, need_id: str, edit: NeedEdit, *, note: str = "", now: datetime | None = None
) -> TechNeed:
    """Replace an open or docking need's editable fields; ``InvalidInputError`` lists every wrong one."""
    principal = require_read()
    need = read_need(store, need_id)
    if need is None or not may_see_need(principal, need):
        raise not_found(need_id)
    require_post_for(need.enterprise)
    moment = now or now_utc()
    problems: list[FieldProblem] = []
    if need.status not in EDITABLE:
        ended = f"a need that is {need.status.value} is not edited / 该需求已结束，不能修改"
        problems.append(FieldProblem("id", ended))
    wanted = {
        "text": inputs.text(edit.text, "text", inputs.MAX_NEED_TEXT, problems, required=True),
        "fields": inputs.fields(store, edit.fields, problems),
        "budget_min": edit.budget_min,
        "budget_max": edit.budget_max,
        # The stored deadline stays as it is once passed: only a new one must lie ahead.
        "deadline": (
            need.deadline if edit.deadline == need.deadline else inputs.deadline(edit.deadline, moment.date(), problems)
        ),
        "region": inputs.region(store, edit.region, problems),
        "confidentiality": edit.confidentiality.value,
    }
    inputs.budget(edit.budget_min, edit.budget_max, problems)
    note = inputs.text(note, "note", inputs.MAX_NOTE, problems)
    if problems:
        raise InvalidInputError(f"the need '{need_id}' was not edited / 技术需求未修改", problems)
    stored = _values(need)
    changed = [name for name in _NAMES if wanted[name] != stored[name]]
    if not changed:
        return need
    at = stamp(moment)
    said = changed_note(changed, note)
    status = need.status.value
    params = {
        "id": need.id,
        "from": status,
        # Every editable field, even unchanged: a cleared value must be removed (null).
        "changes": {**wanted, "updated_at": at},
        "step": step(status, status, at, principal.label, said),
        "audit": audit.entry(principal, audit.NEED_EDITED, need.id, status, status, said, moment),
        "event": status_event(
            ChangeKind.NEED_EDITED,
            record=need.id,
            need=need.id,
            enterprise=need.enterprise,
            confidentiality=edit.confidentiality,
            from_status=status,
            to_status=status,
            at=at,
            principal=principal,
            note=said,
        ),
    }
    rows = store.write_records("need_edit", params)
    if rows:
        return need_from_row(rows[0]["need"])
    # Moved meanwhile: edited again against what it is now (refused if it has ended).
    return edit_need(store, need_id, edit, note=note, now=moment)
