"""GraphQL types of a matchmaking event plan, built from the service's dataclasses at one seam."""

from __future__ import annotations

import strawberry

from graph_service.api.explore.types import EntityInterface, entity_from_domain
from graph_service.api.match.types import RecommendationReason
from graph_service.services.programmes.event import EventPlan, Meeting, Unmatched


@strawberry.type(description="一场一对一会谈 / One one-to-one meeting")
class EventMeeting:
    round: int = strawberry.field(description="轮次，从 1 起 / Round, from 1")
    table: int = strawberry.field(
        description="桌号：合作伙伴每轮坐同一桌 / Table number: a partner keeps its table every round"
    )
    enterprise: EntityInterface = strawberry.field(description="企业 / The enterprise")
    partner: EntityInterface = strawberry.field(description="对接对象 / The partner it meets")
    score: float = strawberry.field(description="推荐器给出的匹配分，0 到 1 / The recommender's fit score in [0, 1]")
    reasons: list[RecommendationReason] = strawberry.field(description="匹配理由 / Why they should meet")

    @classmethod
    def from_domain(cls, meeting: Meeting) -> EventMeeting:
        return cls(
            round=meeting.round,
            table=meeting.table,
            enterprise=entity_from_domain(meeting.enterprise),
            partner=entity_from_domain(meeting.partner),
            score=meeting.score,
            reasons=[RecommendationReason.from_domain(r) for r in meeting.reasons],
        )


@strawberry.type(description="会谈少于可安排场次的企业 / An enterprise given fewer meetings than it may hold")
class UnmatchedEnterprise:
    enterprise: EntityInterface = strawberry.field(description="企业 / The enterprise")
    meetings: int = strawberry.field(description="已安排场次 / Meetings it has")
    wanted: int = strawberry.field(description="可安排场次 / Meetings it may hold")
    why: str = strawberry.field(description="原因（中文 / English）/ Why, in Chinese and English")

    @classmethod
    def from_domain(cls, unmatched: Unmatched) -> UnmatchedEnterprise:
        return cls(
            enterprise=entity_from_domain(unmatched.enterprise),
            meetings=unmatched.meetings,
            wanted=unmatched.wanted,
            why=unmatched.why,
        )


@strawberry.type(description="精准对接会日程 / A matchmaking event's schedule")
class MatchmakingPlan:
    total_score: float = strawberry.field(
        description="全部会谈匹配分之和（最大化）/ Sum of the meetings' scores, maximised"
    )
    rounds: int = strawberry.field(description="轮次数 / Rounds")
    capacity: int = strawberry.field(description="每个合作伙伴最多会谈场次 / Meetings each partner may hold")
    per_enterprise: int = strawberry.field(description="每家企业最多会谈场次 / Meetings each enterprise may hold")
    scorer: str = strawberry.field(description="评分所用评分器 / Which scorer scored the pairs")
    candidate_pairs: int = strawberry.field(description="参与优化的候选配对数 / Candidate pairs the plan chose from")
    meetings: list[EventMeeting] = strawberry.field(description="会谈，按轮次与桌号 / Meetings by round and table")
    unmatched: list[UnmatchedEnterprise] = strawberry.field(
        description="会谈不足的企业及原因 / Enterprises short of meetings, and why"
    )

    @classmethod
    def from_domain(cls, plan: EventPlan) -> MatchmakingPlan:
        return cls(
            total_score=plan.total_score,
            rounds=plan.rounds,
            capacity=plan.capacity,
            per_enterprise=plan.per_enterprise,
            scorer=plan.scorer,
            candidate_pairs=plan.candidate_pairs,
            meetings=[EventMeeting.from_domain(m) for m in plan.meetings],
            unmatched=[UnmatchedEnterprise.from_domain(u) for u in plan.unmatched],
        )
