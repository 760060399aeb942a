"""GraphQL types of an expert service team (科技专家服务团), built from the service's dataclasses."""

from __future__ import annotations

import strawberry

from graph_service.api.explore.types import EntityInterface, entity_from_domain
from graph_service.services.programmes.service_team import ServiceTeam, TeamMember
from graph_service.services.programmes.team_instance import NeedBasis, NeedPair

strawberry.enum(
    NeedBasis,
    name="NeedBasis",
    description="需求来源：NEEDS 为企业提出的需求；FIELDS 为提出需求的企业不足半数时，未提需求者按其业务领域计 / "
    "What needs were read from: NEEDS, the needs enterprises stated; FIELDS, fewer than half stated any, so "
    "the fields of those that stated none count",
)


@strawberry.type(description="被指称的实体 / A named entity")
class ServiceTeamRef:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")


@strawberry.type(description="一家企业的一项需求 / One need of one enterprise")
class ServedNeed:
    enterprise: ServiceTeamRef = strawberry.field(description="企业 / The enterprise")
    need: ServiceTeamRef = strawberry.field(description="所需技术领域 / The field it needs")
    weight: float = strawberry.field(description="权重（需求优先级，无则为 1）/ Weight: the need's priority, else 1")
    stated: bool = strawberry.field(
        description="是否为企业提出的需求（否则为其业务领域）/ Stated as a need (else a field it works in)"
    )

    @classmethod
    def from_domain(cls, pair: NeedPair) -> ServedNeed:
        return cls(
            enterprise=ServiceTeamRef(uid=pair.enterprise, name=pair.enterprise_name, name_en=pair.enterprise_name_en),
            need=ServiceTeamRef(uid=pair.need, name=pair.need_name, name_en=pair.need_name_en),
            weight=pair.weight,
            stated=pair.stated,
        )


@strawberry.type(description="服务团成员 / A member of the service team")
class ServiceTeamMember:
    expert: EntityInterface = strawberry.field(description="专家或机构 / The expert or organisation")
    gain: float = strawberry.field(
        description="边际收益：新覆盖的需求权重 / Marginal gain: the need weight it newly covers"
    )
    covers: list[ServedNeed] = strawberry.field(description="它新覆盖的需求 / The needs it newly covers")
    serves: int = strawberry.field(
        description="它能服务的全部需求数（含他人已覆盖的）/ Every need of the place it could serve, covered or not"
    )
    forced: bool = strawberry.field(description="是否为必选成员 / Named in mustInclude")

    @classmethod
    def from_domain(cls, member: TeamMember) -> ServiceTeamMember:
        return cls(
            expert=entity_from_domain(member.expert),
            gain=member.gain,
            covers=[ServedNeed.from_domain(p) for p in member.covers],
            serves=member.serves,
            forced=member.forced,
        )


@strawberry.type(description="科技专家服务团 / An expert service team")
class ServiceTeamType:
    scope: str = strawberry.field(description="范围：region、park 或 chain / Scope: region, park or chain")
    place: str = strawberry.field(description="地区名称，或园区、产业链标识 / The region's name, or the park or chain")
    basis: NeedBasis = strawberry.field(description="需求来源 / What needs were read from")
    basis_note: str = strawberry.field(description="需求来源说明（中英）/ What needs were read from, in words")
    enterprises: int = strawberry.field(description="范围内企业数 / Enterprises in the place")
    covered: float = strawberry.field(description="已覆盖的需求权重 / Need weight covered")
    total: float = strawberry.field(description="需求总权重 / Total need weight")
    optimum_at_most: float = strawberry.field(
        description="同等人数的最优团队至多覆盖的权重（在线上界）/ The best team of this size covers at most this "
        "(an online bound)"
    )
    guarantee: float = strawberry.field(
        description="贪心算法保证：覆盖至少为最优的 1−1/e / The greedy guarantee: at least 1 − 1/e of the optimum"
    )
    members: list[ServiceTeamMember] = strawberry.field(description="成员，按选入顺序 / Members in the order chosen")
    uncovered: list[ServedNeed] = strawberry.field(description="未被覆盖的需求 / The needs left uncovered")

    @classmethod
    def from_domain(cls, team: ServiceTeam) -> ServiceTeamType:
        return cls(
            scope=team.scope,
            place=team.place,
            basis=team.basis,
            basis_note=f"{team.basis.zh} / {team.basis.en}",
            enterprises=team.enterprises,
            covered=team.covered,
            total=team.total,
            optimum_at_most=team.optimum_at_most,
            guarantee=team.guarantee,
            members=[ServiceTeamMember.from_domain(m) for m in team.members],
            uncovered=[ServedNeed.from_domain(p) for p in team.uncovered],
        )
