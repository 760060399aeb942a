"""A hand-built three months of the workflow (September to November 2026, China time) in two regions.

Written through the services with explicit ``now=`` moments, so the KPI tests (service,
GraphQL, Excel, browser) compare against figures worked out by hand here, not by the code
under test. Times are UTC; a month is counted in China time (UTC+8).

=====  ==========  =========================  ============================================
need   enterprise  region                     what happens
=====  ==========  =========================  ============================================
N1     ent:x       高新区 (in 成都市)          posted 09-03, docked 09-10 (I1), met 10-06
N2     ent:y       成都市                      posted 09-25, docked 10-02 (I2, declined 10-08
                                              too expensive), back to open 10-09, docked
                                              again 10-20 (I3, agreed 11-04), met 11-30T17:00Z
                                              = 1 December in China: after the period
N3     ent:z       重庆市                      posted 10-15, docked 10-16 (I4, programme P,
                                              declined 10-20 timing)
N4     ent:x       prefers 重庆市               posted 11-01, docked 11-02 (I5, programme P,
                                              declined 11-10 too expensive)
N5     ent:x       高新区                       posted 08-31T15:00Z (August in China), docked
                                              08-31T17:00Z = 1 September (I6, still proposed)
N6     ent:y       成都市, managers only        posted 11-12
=====  ==========  =========================  ============================================

I7 is an introduction without a need, for ent:z (重庆市), under programme P: proposed 11-05,
agreed 11-20. I1 takes 25 days from proposal to agreement, I3 15, I7 15.
"""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.domain.workflow import (
    AgreementKind,
    Confidentiality,
    Decline,
    DeclineReason,
    IntroductionStatus,
    NeedStatus,
)
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.workflow.introductions import IntroductionDraft, advance_introduction, propose_introduction
from graph_service.services.workflow.needs import NeedDraft, change_need_status, post_need
from graph_service.store import GraphStore
from tests import workflow_graph

IS = IntroductionStatus
PROGRAMME = "programme:p"
CHONGQING_ENTERPRISE = "ent:z"
# The columns of a KPI row: needs posted, docked, met; introductions proposed, agreed,
# declined; of the proposed, agreed by the period's end; conversion; median days.
CHENGDU = {
    "2026-09": (2, 2, 0, 2, 0, 0, 1, 0.5, None),
    "2026-10": (0, 1, 1, 2, 1, 1, 1, 0.5, 25.0),
    "2026-11": (2, 1, 0, 1, 1, 1, 0, 0.0, 15.0),
    "total": (4, 4, 1, 5, 2, 2, 2, 0.4, 20.0),
}
CHENGDU_DECLINES = [(DeclineReason.TOO_EXPENSIVE, 2)]
CHONGQING = {
    "2026-09": (0, 0, 0, 0, 0, 0, 0, None, None),
    "2026-10": (1, 1, 0, 1, 0, 1, 0, 0.0, None),
    "2026-11": (1, 1, 0, 2, 1, 1, 1, 0.5, 15.0),
    "total": (2, 2, 0, 3, 1, 2, 1, 1 / 3, 15.0),
}
# Ties in the order of the reasons' list.
CHONGQING_DECLINES = [(DeclineReason.TOO_EXPENSIVE, 1), (DeclineReason.TIMING, 1)]
# Programme P: I4, I5, I7 and the needs they were for (N3, N4), in every region.
PROGRAMME_P = CHONGQING
PROGRAMME_P_DECLINES = CHONGQING_DECLINES
# Everywhere, as an analyst sees it: N6 (managers only) is left out.
EVERYWHERE_PUBLIC = {
    "2026-09": (2, 2, 0, 2, 0, 0, 1, 0.5, None),
    "2026-10": (1, 2, 1, 3, 1, 2, 1, 1 / 3, 25.0),
    "2026-11": (1, 1, 0, 2, 2, 1, 1, 0.5, 15.0),
    "total": (4, 5, 1, 7, 3, 3, 3, 3 / 7, 15.0),
}


def at(month: int, day: int, hour: int = 2) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _walk(store: GraphStore, intro: str, steps: list[tuple[IntroductionStatus, datetime]]) -> None:
    for status, moment in steps:
        kind = AgreementKind.COLLABORATION if status is IS.AGREED else None
        advance_introduction(store, intro, status, agreement_kind=kind, now=moment)


def _decline(store: GraphStore, intro: str, reason: DeclineReason, moment: datetime) -> None:
    advance_introduction(store, intro, IS.DECLINED, decline=Decline(reason, "", None), now=moment)


def build(store: GraphStore) -> None:
    """The workflow graph, a second region with an enterprise in it, a programme, and the history above."""
    workflow_graph.build(store)
    write_entities(
        store,
        [
            EntityRecord(EntityKind.REGION, "region:cq", {"uid": "region:cq", "name": "重庆市", "level": "city"}),
            EntityRecord(
                EntityKind.ENTERPRISE,
                CHONGQING_ENTERPRISE,
                {"uid": CHONGQING_ENTERPRISE, "name": "示例·山城智造有限公司", "region": "重庆市"},
            ),
            EntityRecord(EntityKind.PROGRAMME, PROGRAMME, {"uid": PROGRAMME, "name": "示例精准对接计划"}),
        ],
    )
    write_relations(store, [RelationRecord(RelationType.IN_FIELD, CHONGQING_ENTERPRISE, "field:semi", {})])

    def need(enterprise: str, moment: datetime, **given: object) -> str:
        draft = NeedDraft("功率半导体器件", enterprise, ["field:semi"], **given)  # type: ignore[arg-type]
        return post_need(store, draft, now=moment).id

    def propose(partner: str, moment: datetime, *, need: str | None = None, **given: object) -> str:
        draft = IntroductionDraft(partner, need=need, **given)  # type: ignore[arg-type]
        return propose_introduction(store, draft, now=moment).id

    n1 = need(workflow_graph.OWN, at(9, 3))
    n2 = need(workflow_graph.OTHER, at(9, 25))
    i1 = propose("sci:a", at(9, 10), need=n1)
    _walk(store, i1, [(IS.CONTACTED, at(9, 12)), (IS.MET, at(9, 20)), (IS.AGREED, at(10, 5))])
    change_need_status(store, n1, NeedStatus.MET, now=at(10, 6))
    i2 = propose("ag:1", at(10, 2), need=n2)
    _decline(store, i2, DeclineReason.TOO_EXPENSIVE, at(10, 8))
    change_need_status(store, n2, NeedStatus.OPEN, now=at(10, 9))
    i3 = propose("sci:b", at(10, 20), need=n2)
    _walk(store, i3, [(IS.CONTACTED, at(10, 22)), (IS.MET, at(10, 28)), (IS.AGREED, at(11, 4))])
    change_need_status(store, n2, NeedStatus.MET, now=at(11, 30, 17))

    n3 = need(CHONGQING_ENTERPRISE, at(10, 15))
    i4 = propose("sci:a", at(10, 16), need=n3, programme=PROGRAMME)
    _decline(store, i4, DeclineReason.TIMING, at(10, 20))
    n4 = need(workflow_graph.OWN, at(11, 1), region="重庆市")
    i5 = propose("inv:v", at(11, 2), need=n4, programme=PROGRAMME)
    advance_introduction(store, i5, IS.CONTACTED, now=at(11, 3))
    _decline(store, i5, DeclineReason.TOO_EXPENSIVE, at(11, 10))

    n5 = need(workflow_graph.OWN, at(8, 31, 15))
    propose("sci:c", at(8, 31, 17), need=n5)
    need(workflow_graph.OTHER, at(11, 12), confidentiality=Confidentiality.MANAGERS_ONLY)

    i7 = propose("sci:b", at(11, 5), enterprise=CHONGQING_ENTERPRISE, programme=PROGRAMME)
    _walk(store, i7, [(IS.CONTACTED, at(11, 6)), (IS.MET, at(11, 10)), (IS.AGREED, at(11, 20))])
