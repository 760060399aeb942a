"""The matchmaking workflow's records: technology needs, introductions, their history and the audit log.

Plain values the workflow services return and the API turns into its types. The closed
vocabularies (statuses, sources, decline reasons, agreement kinds) carry their Chinese and
English names here, once; which moves between statuses are legal is the services' rule
(``services/workflow/statuses.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class NeedStatus(StrEnum):
    OPEN = "open"
    IN_DOCKING = "in_docking"
    MET = "met"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class IntroductionStatus(StrEnum):
    PROPOSED = "proposed"
    CONTACTED = "contacted"
    MET = "met"
    AGREED = "agreed"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"


class Confidentiality(StrEnum):
    PUBLIC = "public"  # every staff role, analysts included
    MANAGERS_ONLY = "managers_only"  # admins, managers and the enterprise itself


class IntroductionSource(StrEnum):
    RECOMMENDATION = "recommendation"
    EVENT_MEETING = "event_meeting"
    BY_HAND = "by_hand"


class DeclineReason(StrEnum):
    NOT_RELEVANT = "not_relevant"
    TOO_EXPENSIVE = "too_expensive"
    TIMING = "timing"
    HAS_PARTNER = "has_partner"
    CAPABILITY = "capability"
    NO_RESPONSE = "no_response"
    OTHER = "other"


class DeclineSide(StrEnum):
    """Who said no: the outcome labels of a later ranker weigh the two differently."""

    ENTERPRISE = "enterprise"
    PARTNER = "partner"


class AgreementKind(StrEnum):
    """What an agreed introduction becomes in the graph (``services/workflow/agreement.py``)."""

    COLLABORATION = "collaboration"
    SERVICE = "service"
    INVESTMENT = "investment"
    TRANSFER = "transfer"


# Each vocabulary's names, Chinese then English. Keyed by class first: the members of two
# vocabularies can share a value (a need and an introduction are both "met").
_LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    NeedStatus: {
        NeedStatus.OPEN: ("待对接", "open"),
        NeedStatus.IN_DOCKING: ("对接中", "in docking"),
        NeedStatus.MET: ("已满足", "met"),
        NeedStatus.WITHDRAWN: ("已撤回", "withdrawn"),
        NeedStatus.EXPIRED: ("已过期", "expired"),
    },
    IntroductionStatus: {
        IntroductionStatus.PROPOSED: ("已提议", "proposed"),
        IntroductionStatus.CONTACTED: ("已联系", "contacted"),
        IntroductionStatus.MET: ("已会面", "met"),
        IntroductionStatus.AGREED: ("已达成合作", "agreed"),
        IntroductionStatus.DECLINED: ("已婉拒", "declined"),
        IntroductionStatus.NO_ANSWER: ("无回应", "no answer"),
    },
    Confidentiality: {
        Confidentiality.PUBLIC: ("公开（工作人员可见）", "public (all staff)"),
        Confidentiality.MANAGERS_ONLY: ("仅经理可见", "managers only"),
    },
    IntroductionSource: {
        IntroductionSource.RECOMMENDATION: ("系统推荐", "recommendation"),
        IntroductionSource.EVENT_MEETING: ("对接会面谈", "matchmaking-event meeting"),
        IntroductionSource.BY_HAND: ("人工撮合", "by hand"),
    },
    DeclineReason: {
        DeclineReason.NOT_RELEVANT: ("不相关", "not relevant"),
        DeclineReason.TOO_EXPENSIVE: ("费用过高", "too expensive"),
        DeclineReason.TIMING: ("时机不合适", "timing"),
        DeclineReason.HAS_PARTNER: ("已有合作方", "already has a partner"),
        DeclineReason.CAPABILITY: ("能力不足", "capability insufficient"),
        DeclineReason.NO_RESPONSE: ("无回应", "no response"),
        DeclineReason.OTHER: ("其他", "other"),
    },
    DeclineSide: {
        DeclineSide.ENTERPRISE: ("企业", "the enterprise"),
        DeclineSide.PARTNER: ("合作方", "the partner"),
    },
    AgreementKind: {
        AgreementKind.COLLABORATION: ("合作", "collaboration"),
        AgreementKind.SERVICE: ("服务", "service"),
        AgreementKind.INVESTMENT: ("投资", "investment"),
        AgreementKind.TRANSFER: ("技术转移", "technology transfer"),
    },
}


def names(value: StrEnum) -> tuple[str, str]:
    """``value``'s Chinese and English names."""
    return _LABELS[type(value)][value.value]


def label(value: StrEnum) -> str:
    """``value``'s names in both languages, as user-facing messages quote it.

    >>> label(NeedStatus.IN_DOCKING)
    '对接中 (in docking)'
    """
    zh, en = names(value)
    return f"{zh} ({en})"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One step of a record's history: from (empty when created) to, when, by whom, why."""

    from_status: str
    to_status: str
    at: str
    by: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TechNeed:
    """A technology need an enterprise posted (or a manager posted for it)."""

    id: str
    enterprise: str
    text: str
    fields: tuple[str, ...]
    budget_min: float | None
    budget_max: float | None
    deadline: str | None  # ISO date
    region: str | None  # where the enterprise would like its partner to be
    enterprise_region: str | None  # the enterprise's own region when the need was posted
    confidentiality: Confidentiality
    status: NeedStatus
    created_at: str
    created_by: str
    updated_at: str
    history: tuple[StatusChange, ...] = ()


@dataclass(frozen=True, slots=True)
class Agreement:
    """The relationship an agreed introduction wrote: ``(source)-[type]->(target)``."""

    kind: AgreementKind
    type: str
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class Decline:
    reason: DeclineReason
    text: str = ""
    side: DeclineSide | None = None


@dataclass(frozen=True, slots=True)
class Introduction:
    """A brokered introduction between an enterprise (for one of its needs, or directly) and a partner."""

    id: str
    need: str | None
    enterprise: str
    partner: str
    partner_kind: str
    source: IntroductionSource
    note: str
    status: IntroductionStatus
    created_at: str
    created_by: str
    updated_at: str
    history: tuple[StatusChange, ...] = ()
    decline: Decline | None = None
    agreement: Agreement | None = None
    # The need's, copied when proposed (a need's confidentiality never changes); public without one.
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    # The uid of the Programme (or matchmaking platform) it was brokered under, when named.
    programme: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change: who (principal and role), when, what (action, record, status before and after)."""

    id: str
    at: str
    actor: str
    role: str
    action: str
    record: str
    before: str
    after: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class RecordPage(Generic[T]):
    """A page of workflow records, newest first: each item's cursor, and whether more follow."""

    items: list[T] = field(default_factory=list)
    has_next: bool = False
    cursors: list[str] = field(default_factory=list)

    @property
    def end_cursor(self) -> str | None:
        return self.cursors[-1] if self.cursors else None


class ChangeKind(StrEnum):
    """What a change event tells a subscriber (``services/workflow/events.py``)."""

    NEED_POSTED = "need_posted"
    NEED_STATUS = "need_status"
    NEED_EDITED = "need_edited"
    INTRODUCTION_PROPOSED = "introduction_proposed"
    INTRODUCTION_STATUS = "introduction_status"
    CANDIDATES_FOUND = "candidates_found"


_LABELS[ChangeKind] = {
    ChangeKind.NEED_POSTED: ("发布了技术需求", "need posted"),
    ChangeKind.NEED_STATUS: ("技术需求状态变更", "need status changed"),
    ChangeKind.NEED_EDITED: ("修改了技术需求", "need edited"),
    ChangeKind.INTRODUCTION_PROPOSED: ("提出了对接引荐", "introduction proposed"),
    ChangeKind.INTRODUCTION_STATUS: ("对接引荐状态变更", "introduction status changed"),
    ChangeKind.CANDIDATES_FOUND: ("发现新的匹配候选", "new matching candidates"),
}


@dataclass(frozen=True, slots=True)
class FoundCandidate:
    """A candidate new in a need's top list: who, and where the recommender ranks it (1 = best)."""

    uid: str
    kind: str
    name: str
    rank: int


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """One thing a subscriber is told: a record posted or moved, or new candidates for an open need.

    ``record`` is the need or introduction; ``need`` the need it concerns (itself for a need).
    ``by`` is shown as the record's history shows it.
    """

    id: str
    seq: int
    kind: ChangeKind
    at: str
    record: str
    need: str | None
    enterprise: str
    from_status: str = ""
    to_status: str = ""
    by: str = ""
    note: str = ""
    partner: str | None = None
    partner_kind: str | None = None
    candidates: tuple[FoundCandidate, ...] = ()
