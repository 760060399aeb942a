"""The access policy, checked by the services themselves so every path obeys it.

| role       | read            | contact | write graph        | reports, exports | recommend for | tokens |
|------------|-----------------|---------|--------------------|------------------|---------------|--------|
| admin      | all             | yes     | yes                | yes              | anyone        | yes    |
| manager    | all             | yes     | yes                | yes              | anyone        | no     |
| analyst    | all             | no      | no                 | yes              | anyone        | no     |
| enterprise | public fields   | no      | its own needs only | no               | itself only   | no     |
| anonymous  | public fields   | no      | no                 | yes (demo only)  | anyone        | no     |
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from graph_service.errors import ForbiddenError
from graph_service.ontology import RelationType
from graph_service.services.access.principal import Principal, Role, current

_WRITERS = {Role.ADMIN, Role.MANAGER}
_REPORTERS = {Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.ANONYMOUS}
_CONTACT = {Role.ADMIN, Role.MANAGER}


def deny(principal: Principal, what_zh: str, what_en: str) -> ForbiddenError:
    """The refusal of ``principal`` doing what is named, in both languages."""
    return ForbiddenError(f"role {principal.role.value} may not {what_en} / {principal.role.zh}无权{what_zh}")


def require_role(roles: AbstractSet[Role], what_zh: str, what_en: str) -> Principal:
    """The acting principal when its role is one of ``roles``; else a refusal naming what was asked."""
    principal = current()
    if principal.role not in roles:
        raise deny(principal, what_zh, what_en)
    return principal


def require_read() -> Principal:
    return current()


def may_see_contact() -> bool:
    return current().role in _CONTACT


def require_contact() -> Principal:
    return require_role(_CONTACT, "查看联系方式", "see contact details")


def require_write() -> Principal:
    return require_role(_WRITERS, "修改图谱", "change the graph")


def require_relation_write(rel: RelationType, source: str) -> Principal:
    """Writers change anything; an enterprise only its own stated needs."""
    principal = current()
    if principal.role in _WRITERS:
        return principal
    if principal.role is Role.ENTERPRISE and rel is RelationType.NEEDS and source == principal.entity:
        return principal
    raise deny(principal, "修改该关系", f"change {rel.value} relationships of {source}")


def require_reports() -> Principal:
    return require_role(_REPORTERS, "查看分析报告或导出", "read reports or exports")


def require_recommend_for(uid: str) -> Principal:
    principal = current()
    if principal.role is Role.ENTERPRISE and uid != principal.entity:
        raise deny(principal, "为其他实体请求推荐", f"ask recommendations for {uid}")
    return principal
