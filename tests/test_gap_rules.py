"""The gap rules of one segment at their boundaries: which gaps, how severe, and the reasons given."""

from __future__ import annotations

import pytest

from graph_service.domain.segment_counts import SegmentCounts
from graph_service.services.chains.gap_rules import GapKind, find_gaps

# A segment that lacks nothing: two enterprises, a leader among them, three experts, every tie.
WHOLE = {
    "enterprises": 2,
    "chain_leaders": 1,
    "scientists": 2,
    "institutions": 1,
    "investors": 1,
    "agencies": 1,
    "transfers": 1,
}


def _gaps(**changes: int) -> list[tuple[str, float]]:
    counts = SegmentCounts(**{**WHOLE, **changes})
    return [(gap.kind.value, gap.severity) for gap in find_gaps("封装", counts)]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"enterprises": 1}, [("SINGLE_POINT", 0.7)]),
        ({"scientists": 1, "institutions": 1}, [("TALENT_GAP", 0.4)]),
        ({"scientists": 0, "institutions": 0}, [("TALENT_GAP", 0.8)]),
        ({"scientists": 3, "institutions": 0}, []),
        ({"investors": 0}, [("CAPITAL_GAP", 0.6)]),
        ({"agencies": 0}, [("SERVICE_GAP", 0.5)]),
        ({"transfers": 0}, [("NO_TRANSFER", 0.4)]),
        ({"chain_leaders": 0}, [("NO_CHAIN_LEADER", 0.3)]),
    ],
)
def test_each_rule_at_its_boundary(changes: dict[str, int], expected: list[tuple[str, float]]) -> None:
    assert _gaps(**changes) == expected


def test_no_enterprise_says_it_all_and_gaps_come_most_severe_first() -> None:
    # With no enterprise, what its enterprises lack is not asked; the ties left over do not count.
    assert _gaps(enterprises=0, scientists=0, institutions=0) == [("NO_ENTERPRISE", 1.0), ("TALENT_GAP", 0.8)]
    everything = _gaps(
        enterprises=1, chain_leaders=0, scientists=0, institutions=0, investors=0, agencies=0, transfers=0
    )
    assert [kind for kind, _ in everything] == [
        "TALENT_GAP",
        "SINGLE_POINT",
        "CAPITAL_GAP",
        "SERVICE_GAP",
        "NO_TRANSFER",
        "NO_CHAIN_LEADER",
    ]


def test_every_reason_names_the_segment_in_both_languages() -> None:
    lacking = SegmentCounts(enterprises=1, scientists=1)
    gaps = find_gaps("封装", lacking) + find_gaps("封装", SegmentCounts())
    assert {gap.kind for gap in gaps} == set(GapKind)
    for gap in gaps:
        assert "「封装」" in gap.zh, gap
        assert "封装" in gap.en, gap
    talent = next(gap for gap in gaps if gap.kind is GapKind.TALENT_GAP and gap.severity == 0.4)
    assert (talent.zh, talent.en) == ("「封装」所需领域人才不足（1）", "Few experts for 封装 (1)")
