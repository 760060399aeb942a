"""GraphQL types of the workstation review (工作站评估)."""

from __future__ import annotations

import strawberry

from graph_service.ontology import EntityKind
from graph_service.services.programmes.workstation_candidates import CandidateHost, ChainRole, FieldMatch, Note
from graph_service.services.programmes.workstation_review import (
    RENEW_SCORE,
    Activity,
    Host,
    StationReview,
    Verdict,
    WorkstationReview,
)

strawberry.enum(Verdict, name="WorkstationVerdict", description="评估结论 / Review verdict")


@strawberry.type(description="中英文说明 / A statement in Chinese and English")
class BilingualNote:
    zh: str = strawberry.field(description="中文 / In Chinese")
    en: str = strawberry.field(description="英文 / In English")

    @classmethod
    def from_domain(cls, n: Note) -> BilingualNote:
        return cls(zh=n.zh, en=n.en)


@strawberry.type(description="产业链角色 / A chain role")
class ChainRoleType:
    segment: str = strawberry.field(description="环节标识 / Segment uid")
    name: str = strawberry.field(description="名称 / Name")
    chain: str = strawberry.field(description="产业链标识 / Chain uid")
    chain_name: str = strawberry.field(description="产业链名称 / Chain name")
    role: str | None = strawberry.field(description="角色 / Role")

    @classmethod
    def from_domain(cls, r: ChainRole) -> ChainRoleType:
        return cls(segment=r.segment, name=r.name, chain=r.chain, chain_name=r.chain_name, role=r.role)


@strawberry.type(description="工作站的活跃情况 / A workstation's activity")
class StationActivity:
    experts: int = strawberry.field(description="进站专家 / Experts stationed")
    academicians: int = strawberry.field(description="其中院士 / Academicians among them")
    collaborations: int = strawberry.field(description="专家与依托单位的合作 / Collaborations with the host")
    developed: int = strawberry.field(description="在站研发的成果 / Achievements developed while stationed")
    transferred: int = strawberry.field(description="其中已转化 / Of them, transferred")
    transferred_to_host: int = strawberry.field(description="其中转至依托单位 / Of them, to the host")

    @classmethod
    def from_domain(cls, a: Activity) -> StationActivity:
        return cls(
            experts=a.experts,
            academicians=a.academicians,
            collaborations=a.collaborations,
            developed=a.developed,
            transferred=a.transferred,
            transferred_to_host=a.transferred_to_host,
        )


@strawberry.type(description="依托单位 / A workstation's host")
class StationHost:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    kind: EntityKind = strawberry.field(description="类型 / Kind")
    region: str | None = strawberry.field(description="所属地区 / Region")
    chain_leader: bool = strawberry.field(description="链主企业 / Chain leader")
    specialised: bool = strawberry.field(description="专精特新 / Specialised SME")
    roles: list[ChainRoleType] = strawberry.field(description="所在产业链环节 / Chain segments it sits in")

    @classmethod
    def from_domain(cls, h: Host) -> StationHost:
        return cls(
            uid=h.uid,
            name=h.name,
            name_en=h.name_en,
            kind=h.kind,
            region=h.region,
            chain_leader=h.chain_leader,
            specialised=h.specialised,
            roles=[ChainRoleType.from_domain(r) for r in h.roles],
        )


@strawberry.type(description="一个工作站的评估 / The review of one workstation")
class StationReviewType:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    station_kind: str | None = strawberry.field(description="工作站类型 / Workstation kind")
    level: str | None = strawberry.field(description="级别 / Level")
    status: str | None = strawberry.field(description="状态 / Status")
    established: int | None = strawberry.field(description="设立年份 / Year established")
    region: str | None = strawberry.field(description="所属地区 / Region")
    host: StationHost | None = strawberry.field(description="依托单位 / Host")
    activity: StationActivity = strawberry.field(description="活跃情况 / Activity")
    score: int = strawberry.field(description="活跃度 / Activity score")
    verdict: Verdict = strawberry.field(description="结论 / Verdict")
    reasons: list[BilingualNote] = strawberry.field(description="理由 / Reasons")

    @classmethod
    def from_domain(cls, s: StationReview) -> StationReviewType:
        return cls(
            uid=s.uid,
            name=s.name,
            name_en=s.name_en,
            station_kind=s.station_kind,
            level=s.level,
            status=s.status,
            established=s.established,
            region=s.region,
            host=StationHost.from_domain(s.host) if s.host else None,
            activity=StationActivity.from_domain(s.activity),
            score=s.score,
            verdict=s.verdict,
            reasons=[BilingualNote.from_domain(n) for n in s.reasons],
        )


@strawberry.type(description="需求与院士领域的匹配 / A field where an academician meets the candidate")
class FieldMatchType:
    field: str = strawberry.field(description="领域标识 / Field uid")
    name: str = strawberry.field(description="名称 / Name")
    priority: int | None = strawberry.field(description="需求优先级（机构为空）/ Need priority; none for institutions")
    academicians: list[str] = strawberry.field(description="可对接的院士 / Academicians working there")

    @classmethod
    def from_domain(cls, m: FieldMatch) -> FieldMatchType:
        return cls(field=m.field, name=m.name, priority=m.priority, academicians=[name for _, name in m.academicians])


@strawberry.type(description="可新设工作站的依托单位 / A candidate host for a new workstation")
class CandidateHostType:
    uid: str = strawberry.field(description="标识 / Uid")
    name: str = strawberry.field(description="名称 / Name")
    name_en: str | None = strawberry.field(description="英文名称 / English name")
    kind: EntityKind = strawberry.field(description="类型 / Kind")
    region: str | None = strawberry.field(description="所属地区 / Region")
    chain_leader: bool = strawberry.field(description="链主企业 / Chain leader")
    specialised: bool = strawberry.field(description="专精特新 / Specialised SME")
    matches: list[FieldMatchType] = strawberry.field(
        description="与院士领域相符之处 / Fields where academicians meet it"
    )
    roles: list[ChainRoleType] = strawberry.field(description="产业链角色 / Chain roles")
    score: int = strawberry.field(description="得分 / Score")
    reasons: list[BilingualNote] = strawberry.field(description="理由 / Reasons")

    @classmethod
    def from_domain(cls, c: CandidateHost) -> CandidateHostType:
        return cls(
            uid=c.uid,
            name=c.name,
            name_en=c.name_en,
            kind=c.kind,
            region=c.region,
            chain_leader=c.chain_leader,
            specialised=c.specialised,
            matches=[FieldMatchType.from_domain(m) for m in c.matches],
            roles=[ChainRoleType.from_domain(r) for r in c.roles],
            score=c.score,
            reasons=[BilingualNote.from_domain(n) for n in c.reasons],
        )


@strawberry.type(description="各结论的工作站数 / Stations per verdict")
class VerdictCounts:
    renew: int = strawberry.field(description="建议续设 / To renew")
    watch: int = strawberry.field(description="观察 / To watch")
    consider_closing: int = strawberry.field(description="考虑退出 / To consider closing")


@strawberry.type(description="工作站评估 / The workstation review")
class WorkstationReviewType:
    region: str | None = strawberry.field(description="所属地区 / Region")
    since: int | None = strawberry.field(description="统计起始年份 / Activity counted from this year")
    rule: BilingualNote = strawberry.field(description="活跃度与结论的规则 / How scores and verdicts are set")
    renew_score: int = strawberry.field(description="建议续设的活跃度门槛 / The score to renew")
    reviewed: int = strawberry.field(description="评估的工作站数 / Stations reviewed")
    verdicts: VerdictCounts = strawberry.field(description="各结论的工作站数 / Stations per verdict")
    stations: list[StationReviewType] = strawberry.field(description="按活跃度排序 / By activity score")
    candidates: list[CandidateHostType] = strawberry.field(description="候选依托单位 / Candidate hosts")

    @classmethod
    def from_domain(cls, r: WorkstationReview) -> WorkstationReviewType:
        return cls(
            region=r.region,
            since=r.since,
            rule=BilingualNote.from_domain(r.rule),
            renew_score=RENEW_SCORE,
            reviewed=r.reviewed,
            verdicts=VerdictCounts(
                renew=r.verdicts[Verdict.RENEW],
                watch=r.verdicts[Verdict.WATCH],
                consider_closing=r.verdicts[Verdict.CONSIDER_CLOSING],
            ),
            stations=[StationReviewType.from_domain(s) for s in r.stations],
            candidates=[CandidateHostType.from_domain(c) for c in r.candidates],
        )
