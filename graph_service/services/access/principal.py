"""Roles and the principal a request or command acts as."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from graph_service.errors import ForbiddenError


class Role(enum.Enum):
    ADMIN = "admin"  # everything, tokens
    MANAGER = "manager"  # read all, write the graph
    ANALYST = "analyst"  # read all but contact details, reports; no writes
    ENTERPRISE = "enterprise"  # one enterprise: itself, its needs, its recommendations
    ANONYMOUS = "anonymous"  # a loopback demo only: reads public fields

    @property
    def zh(self) -> str:
        return {
            "admin": "管理员",
            "manager": "生态伙伴经理",
            "analyst": "分析人员",
            "enterprise": "企业",
            "anonymous": "匿名",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Principal:
    role: Role
    entity: str | None = None  # the enterprise an ENTERPRISE principal speaks for
    token_id: str | None = None

    def __post_init__(self) -> None:
        if (self.role is Role.ENTERPRISE) != (self.entity is not None):
            raise ValueError("an enterprise principal, and only it, is bound to an entity uid")

    @property
    def label(self) -> str:
        return f"{self.role.value}:{self.entity}" if self.entity else self.role.value


# Commands run by whoever can read the data directory act with full rights, as the
# engine's files would let them anyway.
LOCAL_OPERATOR = Principal(Role.ADMIN, token_id="local")

_current: ContextVar[Principal | None] = ContextVar("graph_service_principal", default=None)


def current() -> Principal:
    """The acting principal; nobody acts by default, so a path that forgot to say who is denied."""
    principal = _current.get()
    if principal is None:
        raise ForbiddenError("no identity for this operation / 未识别调用者身份")
    return principal


def acting() -> Principal | None:
    """The acting principal, or None when nobody has been named."""
    return _current.get()


@contextlib.contextmanager
def acting_as(principal: Principal) -> Iterator[Principal]:
    token = _current.set(principal)
    try:
        yield principal
    finally:
        _current.reset(token)


def set_acting(principal: Principal | None) -> None:
    """For a whole process (the command line) or a request's own context."""
    _current.set(principal)
