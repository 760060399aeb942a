"""``viewer``: who the token speaks for and what it may do, so a client offers only those moves."""

from __future__ import annotations

import strawberry

from graph_service.services.access.principal import Principal, Role
from graph_service.services.workflow.visibility import abilities

strawberry.enum(Role, name="ViewerRole", description="令牌的角色 / The token's role")


@strawberry.type(description="调用者：令牌的角色与可做之事 / Who is asking: the token's role and what it may do")
class Viewer:
    role: Role = strawberry.field(description="角色 / Role")
    role_name: str = strawberry.field(description="角色名称（中文）/ The role's name in Chinese")
    enterprise_uid: str | None = strawberry.field(
        description="企业令牌所代表的企业 / The enterprise an enterprise token speaks for"
    )
    may_read_records: bool = strawberry.field(description="可查看技术需求与对接 / May read needs and introductions")
    may_read_queue: bool = strawberry.field(description="可查看待对接队列 / May read the managers' queue")
    may_broker: bool = strawberry.field(
        description="可提出引荐并推进需求与引荐的状态 / May propose introductions and move needs and introductions"
    )
    may_post_needs: bool = strawberry.field(
        description="可发布技术需求（企业为本企业）/ May post needs (an enterprise for itself)"
    )
    may_read_audit: bool = strawberry.field(description="可查看审计日志 / May read the audit log")

    @classmethod
    def of(cls, principal: Principal) -> Viewer:
        can = abilities(principal)
        return cls(
            role=principal.role,
            role_name=principal.role.zh,
            enterprise_uid=principal.entity,
            may_read_records=can.read_records,
            may_read_queue=can.read_queue,
            may_broker=can.broker,
            may_post_needs=can.post_needs,
            may_read_audit=can.read_audit,
        )
