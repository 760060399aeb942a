"""Inputs and results of the workflow's mutations; expected failures are schema types."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.edit.types import InvalidInput, NotFound
from graph_service.api.workflow.types import Introduction, TechNeed
from graph_service.domain import workflow as wf
from graph_service.services.workflow.introductions import IntroductionDraft
from graph_service.services.workflow.need_edits import NeedEdit
from graph_service.services.workflow.needs import NeedDraft


@strawberry.input(
    description="修改技术需求：各项替换现有值，未给出的即清空 / A need's fields as edited: each replaces the stored "
    "value, and one left out is cleared"
)
class TechNeedEditInput:
    text: str = strawberry.field(description="需求描述（最多 2000 字）/ What is needed, up to 2,000 characters")
    fields: list[str] = strawberry.field(default_factory=list, description="技术领域标识 / Uids of Field entities")
    budget_min: float | None = strawberry.field(default=None, description="预算下限（万元）/ Budget from (10k CNY)")
    budget_max: float | None = strawberry.field(default=None, description="预算上限（万元）/ Budget up to (10k CNY)")
    deadline: str | None = strawberry.field(default=None, description="截止日期 YYYY-MM-DD / Deadline, YYYY-MM-DD")
    region: str | None = strawberry.field(default=None, description="合作方地区偏好 / Preferred region of the partner")
    confidentiality: wf.Confidentiality = strawberry.field(
        default=wf.Confidentiality.PUBLIC, description="保密级别 / Who may read it"
    )

    def to_edit(self) -> NeedEdit:
        return NeedEdit(
            self.text,
            list(self.fields),
            self.budget_min,
            self.budget_max,
            self.deadline,
            self.region,
            self.confidentiality,
        )


@strawberry.input(description="发布技术需求 / A technology need to post")
class TechNeedInput(TechNeedEditInput):
    """The edited fields and, for a broker posting, the enterprise it is for."""

    enterprise: str | None = strawberry.field(
        default=None, description="企业标识；企业令牌可省略 / Uid of the enterprise (an enterprise token may omit it)"
    )

    def to_draft(self) -> NeedDraft:
        edit = self.to_edit()
        return NeedDraft(
            edit.text,
            self.enterprise,
            edit.fields,
            edit.budget_min,
            edit.budget_max,
            edit.deadline,
            edit.region,
            edit.confidentiality,
        )


@strawberry.input(description="提出对接引荐 / An introduction to propose")
class ProposeIntroductionInput:
    partner: str = strawberry.field(description="合作方标识 / Uid of the partner")
    need: str | None = strawberry.field(default=None, description="所对接的需求 / Id of the need it is for")
    enterprise: str | None = strawberry.field(
        default=None, description="企业标识（不针对具体需求时）/ Uid of the enterprise, when not for a need"
    )
    source: wf.IntroductionSource = strawberry.field(
        default=wf.IntroductionSource.BY_HAND, description="来源 / Where it came from"
    )
    note: str = strawberry.field(default="", description="备注（最多 500 字）/ Note, up to 500 characters")
    programme: str | None = strawberry.field(
        default=None, description="所属计划或对接平台的标识 / Uid of the Programme it is brokered under"
    )

    def to_domain(self) -> IntroductionDraft:
        return IntroductionDraft(self.partner, self.need, self.enterprise, self.source, self.note, self.programme)


@strawberry.input(description="婉拒原因 / Why an introduction was declined")
class DeclineInput:
    reason: wf.DeclineReason = strawberry.field(description="原因 / Reason from the list")
    text: str = strawberry.field(default="", description="补充说明（原因为“其他”时必填）/ Details (required for OTHER)")
    side: wf.DeclineSide | None = strawberry.field(default=None, description="婉拒方 / Who declined")

    def to_domain(self) -> wf.Decline:
        return wf.Decline(self.reason, self.text, self.side)


@strawberry.input(description="推进对接引荐一步 / Move an introduction one step")
class AdvanceIntroductionInput:
    id: str = strawberry.field(description="引荐标识 / Id of the introduction")
    to: wf.IntroductionStatus = strawberry.field(description="新状态 / Status to move to")
    note: str = strawberry.field(default="", description="备注 / Note")
    decline: DeclineInput | None = strawberry.field(default=None, description="婉拒时的原因 / Why, when declining")
    agreement: wf.AgreementKind | None = strawberry.field(
        default=None, description="达成合作时写入图谱的关系 / The relationship to write when agreeing"
    )


@strawberry.type(description="已写入的技术需求 / The need as written")
class TechNeedPayload:
    need: TechNeed = strawberry.field(description="技术需求 / The need")


@strawberry.type(description="已写入的对接引荐 / The introduction as written")
class IntroductionPayload:
    introduction: Introduction = strawberry.field(description="对接引荐 / The introduction")


@strawberry.type(description="已过期的需求 / The needs the sweep expired")
class ExpiredTechNeeds:
    needs: list[TechNeed] = strawberry.field(description="本次过期的需求 / The needs expired now")


TechNeedResult = Annotated[
    TechNeedPayload | InvalidInput | NotFound,
    strawberry.union(
        "TechNeedResult", description="需求、输入问题或需求不存在 / The need, what was wrong, or a need not found"
    ),
]
IntroductionResult = Annotated[
    IntroductionPayload | InvalidInput | NotFound,
    strawberry.union(
        "IntroductionResult",
        description="对接引荐、输入问题或记录不存在 / The introduction, what was wrong, or a record not found",
    ),
]
