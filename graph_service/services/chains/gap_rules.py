"""The gaps one segment's counts show: which, how severe (in [0, 1]), and why, in Chinese and English.

``gaps.py`` counts each segment of a chain and asks ``find_gaps``; the rules live here
so that they read as a list: no enterprise or a single one, too little talent, and what
a segment's enterprises lack (capital, services, a chain leader, transfers).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from graph_service.domain.segment_counts import SegmentCounts


class GapKind(enum.Enum):
    NO_ENTERPRISE = "NO_ENTERPRISE"
    SINGLE_POINT = "SINGLE_POINT"
    TALENT_GAP = "TALENT_GAP"
    CAPITAL_GAP = "CAPITAL_GAP"
    SERVICE_GAP = "SERVICE_GAP"
    NO_TRANSFER = "NO_TRANSFER"
    NO_CHAIN_LEADER = "NO_CHAIN_LEADER"

    @property
    def zh(self) -> str:
        return GAP_NAMES[self][0]

    @property
    def en(self) -> str:
        return GAP_NAMES[self][1]


# What an analyst calls each gap; the explorer's i18n.js names them the same.
GAP_NAMES: dict[GapKind, tuple[str, str]] = {
    GapKind.NO_ENTERPRISE: ("无本地企业（补链）", "No local enterprise"),
    GapKind.SINGLE_POINT: ("单点依赖", "Single point of failure"),
    GapKind.TALENT_GAP: ("人才缺口", "Talent gap"),
    GapKind.CAPITAL_GAP: ("资本缺口", "Capital gap"),
    GapKind.SERVICE_GAP: ("服务缺口", "Service gap"),
    GapKind.NO_TRANSFER: ("无成果转入", "No transfer"),
    GapKind.NO_CHAIN_LEADER: ("缺少链主企业", "No chain leader"),
}


@dataclass(frozen=True, slots=True)
class Gap:
    kind: GapKind
    severity: float
    zh: str
    en: str


def find_gaps(name: str, counts: SegmentCounts) -> tuple[Gap, ...]:
    """The gaps a segment's counts show, most severe first.

    >>> counts = SegmentCounts(enterprises=1, scientists=3, investors=1, agencies=1, transfers=1)
    >>> [gap.kind.value for gap in find_gaps("封装", counts)]
    ['SINGLE_POINT', 'NO_CHAIN_LEADER']
    """
    found = [_enterprise_gap(name, counts), _talent_gap(name, counts)]
    if counts.enterprises:
        found += [lack.gap(name, counts) for lack in LACKING]
    gaps = [gap for gap in found if gap is not None]
    gaps.sort(key=lambda g: (-g.severity, g.kind.value))
    return tuple(gaps)


def _enterprise_gap(name: str, counts: SegmentCounts) -> Gap | None:
    if counts.enterprises == 0:
        return Gap(
            GapKind.NO_ENTERPRISE,
            1.0,
            f"「{name}」环节没有企业，需要补链",
            f"No enterprise in {name}: the chain is broken here",
        )
    if counts.enterprises == 1:
        return Gap(GapKind.SINGLE_POINT, 0.7, f"「{name}」环节仅有一家企业支撑", f"A single enterprise carries {name}")
    return None


def _talent_gap(name: str, counts: SegmentCounts) -> Gap | None:
    talent = counts.scientists + counts.institutions
    if talent == 0:
        return Gap(
            GapKind.TALENT_GAP,
            0.8,
            f"「{name}」所需领域没有科技人才或科研机构",
            f"No scientist or institution works in the fields {name} needs",
        )
    if talent < 3:
        return Gap(
            GapKind.TALENT_GAP, 0.4, f"「{name}」所需领域人才不足（{talent}）", f"Few experts for {name} ({talent})"
        )
    return None


@dataclass(frozen=True, slots=True)
class Lack:
    """A tie a segment's enterprises can lack, and the gap its absence leaves."""

    kind: GapKind
    severity: float
    count: Callable[[SegmentCounts], int]
    zh: str
    en: str

    def gap(self, name: str, counts: SegmentCounts) -> Gap | None:
        return None if self.count(counts) else Gap(self.kind, self.severity, self.zh.format(name), self.en.format(name))


# Only a segment with enterprises is asked these: with none, NO_ENTERPRISE says it all.
LACKING: tuple[Lack, ...] = (
    Lack(
        GapKind.CAPITAL_GAP,
        0.6,
        lambda c: c.investors,
        "「{}」的企业没有创投机构投资",
        "No investor has invested in {}'s enterprises",
    ),
    Lack(
        GapKind.SERVICE_GAP,
        0.5,
        lambda c: c.agencies,
        "「{}」的企业没有科技服务机构服务",
        "No service agency serves {}'s enterprises",
    ),
    Lack(
        GapKind.NO_CHAIN_LEADER,
        0.3,
        lambda c: c.chain_leaders,
        "「{}」环节没有链主企业带动",
        "No chain-leader enterprise leads {}",
    ),
    Lack(
        GapKind.NO_TRANSFER,
        0.4,
        lambda c: c.transfers,
        "「{}」没有科技成果转入",
        "No technology has been transferred into {}",
    ),
)
