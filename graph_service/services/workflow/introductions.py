"""Introductions a manager brokers between an enterprise (for a need, or directly) and a partner.

An introduction is an ``Introduction`` node keyed by ``intro:<ulid>``; its moves follow
``statuses.INTRODUCTION_MOVES`` and each is one compare-and-set statement that also appends
the history step and writes the audit entry.

**Idempotency.** A request to move an introduction to the status it already has is a
re-send: it changes nothing and returns the introduction as it is, provided it asks for
what was recorded (the same agreement kind for ``agreed``, the same reason for
``declined``); asking for something else is refused as a move out of a final status. The
agreement's relationship is MERGEd in the statement that agrees, which runs only while the
introduction is still ``met``: so whether two identical requests arrive one after the
other or at once, exactly one relationship is written and one audit entry logs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph_service.domain.workflow import (
    AgreementKind,
    ChangeKind,
    Confidentiality,
    Decline,
    DeclineReason,
    Introduction,
    IntroductionSource,
    IntroductionStatus,
    NeedStatus,
    RecordPage,
    TechNeed,
    label,
)
from graph_service.errors import FieldProblem, InvalidInputError, NotFoundError
from graph_service.ontology import ACTOR_KINDS, EntityKind
from graph_service.services.access.principal import Principal
from graph_service.services.derived.segment_tallies import TALLY_TIES, refresh_near
from graph_service.services.explore.paths import WARM_TIES
from graph_service.services.match.popular import refresh_popular
from graph_service.services.workflow import agreement, audit, inputs
from graph_service.services.workflow.events import status_event
from graph_service.services.workflow.needs import move_params, not_found, read_need
from graph_service.services.workflow.records import (
    MAX_PAGE,
    check_first,
    introduction_from_row,
    new_id,
    now_utc,
    page_bound,
    page_of,
    sequence,
    stamp,
    step,
    storable,
)
from graph_service.services.workflow.statuses import ACTIVE_NEEDS, check_introduction_move
from graph_service.services.workflow.visibility import (
    may_see_introduction,
    require_broker,
    require_list_of,
    require_read,
    scope,
)
from graph_service.store import GraphStore

IS = IntroductionStatus
PARTNER_KINDS = ACTOR_KINDS | {EntityKind.ACHIEVEMENT}
# Introductions still under way: a second one for the same pair would be brokered twice.
UNDER_WAY = (IS.PROPOSED, IS.CONTACTED, IS.MET, IS.NO_ANSWER)


@dataclass(frozen=True, slots=True)
class IntroductionDraft:
    """What a manager proposes: a need (its enterprise is implied) or an enterprise, and a partner."""

    partner: str
    need: str | None = None
    enterprise: str | None = None
    source: IntroductionSource = IntroductionSource.BY_HAND
    note: str = ""
    programme: str | None = None  # the uid of the Programme it is brokered under


def _not_found(intro_id: str) -> NotFoundError:
    return NotFoundError(f"no introduction '{intro_id}' / 不存在对接引荐「{intro_id}」", uid=intro_id)


def read_introduction(store: GraphStore, intro_id: str) -> Introduction | None:
    rows = store.read("introduction_get", {"id": intro_id}) if intro_id else []
    return introduction_from_row(rows[0]["introduction"]) if rows else None


def get_introduction(store: GraphStore, intro_id: str) -> Introduction | None:
    """The introduction, or None when there is none or the caller may not see it."""
    principal = require_read()
    found = read_introduction(store, intro_id)
    return found if found is not None and may_see_introduction(principal, found) else None


def list_introductions(
    store: GraphStore,
    *,
    need: str | None = None,
    enterprise: str | None = None,
    partner: str | None = None,
    statuses: list[IntroductionStatus] | None = None,
    first: int = 20,
    after: str | None = None,
) -> RecordPage[Introduction]:
    """Introductions the caller may see, newest first; an enterprise's are its own."""
    principal = require_list_of(enterprise)
    check_first(first)
    own, confidentialities = scope(principal)
    params = {
        "before": page_bound(after),
        "enterprise": own or enterprise or "",
        "need": need or "",
        "partner": partner or "",
        "statuses": [s.value for s in statuses or []],
        "confidentialities": confidentialities,
        "limit": first + 1,
    }
    rows = store.read("introductions_page", params)
    return page_of([row["introduction"] for row in rows], first, introduction_from_row)


def _parties(
    store: GraphStore, draft: IntroductionDraft, problems: list[FieldProblem]
) -> tuple[str, TechNeed | None, EntityKind | None]:
    """The enterprise, the need (or None) and the partner's kind (or None), with what is wrong in ``problems``."""
    need = None
    enterprise = draft.enterprise
    if draft.need:
        need = read_need(store, draft.need)
        if need is None:
            raise not_found(draft.need)
        if need.status not in ACTIVE_NEEDS:
            ended = f"need {need.id} is {label(need.status)}: nothing to broker / 该需求已结束"
            problems.append(FieldProblem("need", ended, need.id))
        if enterprise and enterprise != need.enterprise:
            problems.append(FieldProblem("enterprise", f"need {need.id} is {need.enterprise}'s / 该需求属于其他企业"))
        enterprise = need.enterprise
    if not enterprise:
        problems.append(FieldProblem("enterprise", "give a need or an enterprise / 请指明需求或企业"))
        return "", need, None
    inputs.enterprise(store, enterprise, "enterprise", problems)
    partner_kind: EntityKind | None = None
    if inputs.uid(draft.partner, "partner", problems):
        partner_kind = inputs.kinds_of(store, [draft.partner]).get(draft.partner)
        if partner_kind is None:
            problems.append(FieldProblem("partner", f"no entity '{draft.partner}' / 不存在该实体", draft.partner))
        elif partner_kind not in PARTNER_KINDS:
            refused = f"a {partner_kind.value} cannot be a partner / 该类实体不能作为合作方"
            problems.append(FieldProblem("partner", refused))
        elif draft.partner == enterprise:
            problems.append(FieldProblem("partner", "an enterprise is not its own partner / 不能与自身对接"))
    return enterprise, need, partner_kind


def propose_introduction(store: GraphStore, draft: IntroductionDraft, *, now: datetime | None = None) -> Introduction:
    """Propose an introduction (brokers only); an open need it is for goes into docking."""
    principal = require_broker()
    moment = now or now_utc()
    problems: list[FieldProblem] = []
    note = inputs.text(draft.note, "note", inputs.MAX_NOTE, problems)
    enterprise, need, partner_kind = _parties(store, draft, problems)
    programme = inputs.programme(store, draft.programme, problems)
    if not problems:
        pending = list_introductions(
            store, enterprise=enterprise, partner=draft.partner, statuses=list(UNDER_WAY), first=MAX_PAGE
        ).items
        for twin in pending:
            if twin.need == (need.id if need else None):
                twice = f"introduction {twin.id} is under way / 已有进行中的对接"
                problems.append(FieldProblem("partner", twice, twin.id))
    if problems:
        raise InvalidInputError("the introduction was not proposed / 对接引荐未创建", problems)
    at = stamp(moment)
    intro_id = new_id("intro", moment)
    props = storable(
        {
            "id": intro_id,
            "seq": sequence(moment),
            "need": need.id if need else None,
            "enterprise": enterprise,
            "partner": draft.partner,
            "partner_kind": partner_kind.value if partner_kind else None,
            "source": draft.source.value,
            "programme": programme,
            "note": note,
            "confidentiality": (need.confidentiality if need else Confidentiality.PUBLIC).value,
            "status": IS.PROPOSED.value,
            "created_at": at,
            "created_by": principal.label,
            "updated_at": at,
            "history": [step("", IS.PROPOSED.value, at, principal.label, note)],
        }
    )
    entry = audit.entry(principal, audit.INTRODUCTION_PROPOSED, intro_id, "", IS.PROPOSED.value, note, moment)
    event = status_event(
        ChangeKind.INTRODUCTION_PROPOSED,
        record=intro_id,
        need=need.id if need else None,
        enterprise=enterprise,
        confidentiality=need.confidentiality if need else Confidentiality.PUBLIC,
        from_status="",
        to_status=IS.PROPOSED.value,
        at=at,
        principal=principal,
        note=note,
        partner=draft.partner,
        partner_kind=partner_kind.value if partner_kind else None,
    )
    # An open need goes into docking in the same statement, if it is still open when it runs
    # (compare-and-set): a need moved meanwhile keeps the status it was moved to.
    docking = []
    if need is not None and need.status is NeedStatus.OPEN:
        taken = f"introduction {intro_id} proposed / 已提出对接"
        docking.append(move_params(need, NeedStatus.IN_DOCKING, taken, principal, moment))
    params = {"introduction": props, "audit": entry, "event": event, "docking": docking}
    rows = store.write_records("introduction_create", params)
    return introduction_from_row(rows[0]["introduction"])


def _decline(decline: Decline | None, problems: list[FieldProblem]) -> Decline | None:
    if decline is None:
        problems.append(FieldProblem("decline", "a declined introduction needs a reason / 婉拒须注明原因"))
        return None
    text = inputs.text(decline.text, "decline.text", inputs.MAX_NOTE, problems)
    if decline.reason is DeclineReason.OTHER and not text:
        problems.append(FieldProblem("decline.text", "say why when the reason is 'other' / 原因为“其他”时请说明"))
    return Decline(decline.reason, text, decline.side)


def _same_request(current: Introduction, decline: Decline | None, kind: AgreementKind | None) -> bool:
    """Whether asking for ``current.status`` again with these details asks for what was recorded."""
    if current.status is IS.AGREED:
        return (current.agreement.kind if current.agreement else None) == kind
    if current.status is IS.DECLINED:
        return decline is not None and current.decline is not None and decline.reason is current.decline.reason
    return True


def advance_introduction(
    store: GraphStore,
    intro_id: str,
    to: IntroductionStatus,
    *,
    note: str = "",
    decline: Decline | None = None,
    agreement_kind: AgreementKind | None = None,
    now: datetime | None = None,
) -> Introduction:
    """Move an introduction one step (brokers only); agreeing may write its relationship in the same statement."""
    principal = require_broker()
    moment = now or now_utc()
    problems: list[FieldProblem] = []
    note = inputs.text(note, "note", inputs.MAX_NOTE, problems)
    if to is IS.DECLINED:
        decline = _decline(decline, problems)
    elif decline is not None:
        problems.append(FieldProblem("decline", "only a declined introduction has a reason / 仅婉拒时需注明原因"))
    if agreement_kind is not None and to is not IS.AGREED:
        problems.append(FieldProblem("agreement", "only an agreed introduction has an agreement / 仅达成合作时可指定"))
    if problems:
        raise InvalidInputError(f"introduction {intro_id} was not changed / 对接引荐未变更", problems)
    current = read_introduction(store, intro_id)
    if current is None:
        raise _not_found(intro_id)
    if current.status is to and _same_request(current, decline, agreement_kind):
        return current  # a re-sent request: nothing to do, nothing logged
    check_introduction_move(intro_id, current.status, to)
    return _move(store, current, to, note, decline, agreement_kind, principal, moment)


def _move(
    store: GraphStore,
    current: Introduction,
    to: IntroductionStatus,
    note: str,
    decline: Decline | None,
    kind: AgreementKind | None,
    principal: Principal,
    moment: datetime,
) -> Introduction:
    at = stamp(moment)
    changes: dict[str, Any] = {"status": to.value, "updated_at": at}
    if decline is not None:
        changes |= storable(
            {
                "decline_reason": decline.reason.value,
                "decline_text": decline.text,
                "declined_by": decline.side.value if decline.side else None,
            }
        )
    params: dict[str, Any] = {
        "id": current.id,
        "from": current.status.value,
        "changes": changes,
        "step": step(current.status.value, to.value, at, principal.label, note),
        "event": status_event(
            ChangeKind.INTRODUCTION_STATUS,
            record=current.id,
            need=current.need,
            enterprise=current.enterprise,
            confidentiality=current.confidentiality,
            from_status=current.status.value,
            to_status=to.value,
            at=at,
            principal=principal,
            note=note,
            partner=current.partner,
            partner_kind=current.partner_kind,
        ),
    }
    if kind is None:
        params["audit"] = audit.entry(
            principal, audit.INTRODUCTION_MOVED, current.id, current.status.value, to.value, note, moment
        )
        rows = store.write_records("introduction_transition", params)
    else:
        partner_kind = EntityKind(current.partner_kind)
        wanted = agreement.plan(kind, current.enterprise, current.partner, partner_kind, moment, current.id)
        changes |= {
            "agreement_kind": kind.value,
            "relation_type": wanted.type.value,
            "relation_source": wanted.source,
            "relation_target": wanted.target,
        }
        what = f"{wanted.source} -[{wanted.type.value}]-> {wanted.target}"
        params |= {"source": wanted.source, "target": wanted.target, "props": wanted.props}
        logged = f"{what} {note}".strip()
        params["audit"] = audit.entry(
            principal, audit.INTRODUCTION_AGREED, current.id, current.status.value, to.value, logged, moment
        )
        rows = store.write("introduction_agree", params, slots={"rel": wanted.type})
        if rows and wanted.type in WARM_TIES:
            refresh_popular(store, {wanted.source, wanted.target})
        if rows and wanted.type in TALLY_TIES:
            refresh_near(store, {wanted.source, wanted.target})
    if rows:
        return introduction_from_row(rows[0]["introduction"])
    return _after_conflict(store, current, to, note, decline, kind, principal, moment)


def _after_conflict(
    store: GraphStore,
    tried: Introduction,
    to: IntroductionStatus,
    note: str,
    decline: Decline | None,
    kind: AgreementKind | None,
    principal: Principal,
    moment: datetime,
) -> Introduction:
    """Nothing was written: another request moved it first, or an end of the agreement is gone."""
    current = read_introduction(store, tried.id)
    if current is None:
        raise _not_found(tried.id)
    if current.status is to and _same_request(current, decline, kind):
        return current
    if current.status is tried.status:  # still where it was: the statement's MATCH of an end failed
        missing = [u for u in (tried.enterprise, tried.partner) if u not in inputs.kinds_of(store, [u])]
        raise NotFoundError(
            f"introduction {tried.id}: {', '.join(missing) or 'an end'} no longer exists; nothing was agreed / "
            "合作一方已不存在，未达成合作",
            uid=missing[0] if missing else tried.id,
        )
    check_introduction_move(tried.id, current.status, to)
    return _move(store, current, to, note, decline, kind, principal, moment)
