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

from graph_service.errors import ForbiddenError
from graph_service.ontology import RelationType
from graph_service.services.access.principal import Principal, Role, current

_WRITERS = {Role.ADMIN, Role.MANAGER}
_REPORTERS = {Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.ANONYMOUS}
_CONTACT = {Role.ADMIN, Role.MANAGER}


def _deny(principal: Principal, what_zh: str, what_en: str) -> ForbiddenError:
    return ForbiddenError(f"role {principal.role.value} may not {what_en} / {principal.role.zh}无权{what_zh}")


def require_read() -> Principal:
    return current()


def may_see_contact() -> bool:
    return current().role in _CONTACT


def require_contact() -> Principal:
    principal = current()
    if principal.role not in _CONTACT:
        raise _deny(principal, "查看联系方式", "see contact details")
    return principal


def require_write() -> Principal:
    principal = current()
    if principal.role not in _WRITERS:
        raise _deny(principal, "修改图谱", "change the graph")
    return principal


def require_relation_write(rel: RelationType, source: str) -> Principal:
    """Writers change anything; an enterprise only its own stated needs."""
    principal = current()
    if principal.role in _WRITERS:
        return principal
    if principal.role is Role.ENTERPRISE and rel is RelationType.NEEDS and source == principal.entity:
        return principal
    raise _deny(principal, "修改该关系", f"change {rel.value} relationships of {source}")


def require_reports() -> Principal:
    principal = current()
    if principal.role not in _REPORTERS:
        raise _deny(principal, "查看分析报告或导出", "read reports or exports")
    return principal


def require_recommend_for(uid: str) -> Principal:
    principal = current()
    if principal.role is Role.ENTERPRISE and uid != principal.entity:
        raise _deny(principal, "为其他实体请求推荐", f"ask recommendations for {uid}")
    return principal
