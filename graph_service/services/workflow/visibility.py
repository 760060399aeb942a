"""Who sees and changes what in the workflow, checked by the services so every path obeys it.

| role       | needs, introductions          | needs                   | introductions | partner contact  | audit |
|------------|-------------------------------|-------------------------|---------------|------------------|-------|
| admin      | all                           | post, every legal move  | propose, move | yes              | yes   |
| manager    | all                           | post, every legal move  | propose, move | yes              | no    |
| analyst    | public ones, read only        | no                      | no            | no               | no    |
| enterprise | its own (any confidentiality) | post; withdraw, met     | no            | its own, agreed  | no    |
| anonymous  | none                          | no                      | no            | no               | no    |

A record the caller may not see is answered as missing (``None``, a not-found), whether or
not it exists, so an enterprise cannot learn even that another's need exists. Analysts read
what is public for the KPIs and reports managers send upward; the audit log names staff and
is the admins' alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.domain.workflow import Confidentiality, Introduction, IntroductionStatus, NeedStatus, TechNeed
from graph_service.services.access.policy import deny, require_role
from graph_service.services.access.principal import Principal, Role, current
from graph_service.services.workflow.statuses import ENTERPRISE_NEED_MOVES

BROKERS = frozenset({Role.ADMIN, Role.MANAGER})
_READERS = frozenset({Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.ENTERPRISE})
_QUEUE = frozenset({Role.ADMIN, Role.MANAGER, Role.ANALYST})
_AUDITORS = frozenset({Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Abilities:
    """What a principal may do in the workflow, for a client to offer those moves only.

    Read from the same role sets the checks below use; the services check every request again.
    """

    read_records: bool  # its own or all needs and introductions, as scope() narrows them
    read_queue: bool
    broker: bool  # propose introductions, make every legal move of needs and introductions
    post_needs: bool  # for itself (an enterprise) or for any enterprise (brokers)
    read_audit: bool


def abilities(principal: Principal) -> Abilities:
    role = principal.role
    return Abilities(
        read_records=role in _READERS,
        read_queue=role in _QUEUE,
        broker=role in BROKERS,
        post_needs=role in BROKERS or role is Role.ENTERPRISE,
        read_audit=role in _AUDITORS,
    )


def require_read() -> Principal:
    return require_role(_READERS, "查看技术需求与对接记录", "read needs and introductions")


def require_queue() -> Principal:
    return require_role(_QUEUE, "查看需求对接队列", "read the managers' queue of needs")


def require_broker() -> Principal:
    return require_role(BROKERS, "撮合或变更对接引荐", "broker introductions")


def require_audit() -> Principal:
    return require_role(_AUDITORS, "查看审计日志", "read the audit log")


def require_post_for(enterprise: str) -> Principal:
    """Brokers post for any enterprise; an enterprise for itself only."""
    principal = current()
    if principal.role in BROKERS or (principal.role is Role.ENTERPRISE and principal.entity == enterprise):
        return principal
    raise deny(principal, "为该企业发布技术需求", f"post needs for {enterprise}")


def require_list_of(enterprise: str | None) -> Principal:
    """An enterprise lists its own records only, and saying so of another is refused, not ignored."""
    principal = require_read()
    if principal.role is Role.ENTERPRISE and enterprise not in (None, principal.entity):
        raise deny(principal, "查看其他企业的需求或对接", f"list the records of {enterprise}")
    return principal


def scope(principal: Principal) -> tuple[str, list[str]]:
    """The enterprise ('' for any) and confidentialities ([] for any) a listing is narrowed to."""
    if principal.role is Role.ENTERPRISE:
        return str(principal.entity), []
    if principal.role is Role.ANALYST:
        return "", [Confidentiality.PUBLIC.value]
    return "", []


def _sees(principal: Principal, enterprise: str, confidentiality: Confidentiality) -> bool:
    if principal.role in BROKERS:
        return True
    if principal.role is Role.ENTERPRISE:
        return principal.entity == enterprise
    return principal.role is Role.ANALYST and confidentiality is Confidentiality.PUBLIC


def may_see_need(principal: Principal, need: TechNeed) -> bool:
    return _sees(principal, need.enterprise, need.confidentiality)


def may_see_event(principal: Principal, enterprise: str, confidentiality: Confidentiality) -> bool:
    """A change event is seen by whoever may see the record it tells of."""
    return _sees(principal, enterprise, confidentiality)


def may_see_introduction(principal: Principal, introduction: Introduction) -> bool:
    return _sees(principal, introduction.enterprise, introduction.confidentiality)


def require_need_move(principal: Principal, need: TechNeed, to: NeedStatus) -> None:
    """Brokers make every legal move; the enterprise withdraws its need or reports it met."""
    if principal.role in BROKERS:
        return
    if principal.role is Role.ENTERPRISE and principal.entity == need.enterprise and to in ENTERPRISE_NEED_MOVES:
        return
    raise deny(principal, f"将该需求改为「{to.value}」", f"move need {need.id} to {to.value}")


def may_see_partner_contact(principal: Principal, introduction: Introduction) -> bool:
    """Brokers always; the enterprise once its introduction is agreed; nobody else."""
    if principal.role in BROKERS:
        return True
    return (
        principal.role is Role.ENTERPRISE
        and principal.entity == introduction.enterprise
        and introduction.status is IntroductionStatus.AGREED
    )
