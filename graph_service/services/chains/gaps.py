"""chain_gaps: where an industry chain is thin, segment by segment (补链强链).

For each segment, upstream to downstream: how many enterprises sit in it (and how many
chain leaders 链主 and specialised SMEs 专精特新), how many scientists, institutions and
workstations work in the fields it requires (narrower fields included), how many investors
and service agencies are tied to its enterprises, and how many technology transfers reached
them. From these counts come the gaps, each with a severity in [0, 1] and a reason in
Chinese and English; a chain with no chain leader in any segment has that gap as a whole.

A chain of one city (its ``region``) is counted within that city unless another region,
or every region, is asked for; the report says which it counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph_service.domain.segment_counts import SegmentCounts
from graph_service.errors import NotFoundError
from graph_service.services.access import policy
from graph_service.services.cache import VersionedCache
from graph_service.services.chains.gap_rules import GAP_NAMES, Gap, GapKind, find_gaps
from graph_service.services.derived.segment_tallies import EVERYWHERE, decode
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

__all__ = [
    "GAP_NAMES",
    "ChainReport",
    "Gap",
    "GapKind",
    "SegmentCounts",
    "SegmentReport",
    "cached_chain_gaps",
    "chain_gaps",
    "chain_whole_gaps",
    "find_gaps",
    "segment_enterprises",
]


@dataclass(frozen=True, slots=True)
class SegmentReport:
    uid: str
    name: str
    name_en: str | None
    position: int
    counts: SegmentCounts
    gaps: tuple[Gap, ...]
    # None where the counts came from the segment's tally: ``segment_enterprises`` reads them.
    enterprises: tuple[str, ...] | None = ()
    required: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChainReport:
    chain: str
    name: str
    name_en: str | None
    region: str | None
    segments: tuple[SegmentReport, ...] = field(default=())
    # Gaps of the chain as a whole (no chain leader in any segment).
    gaps: tuple[Gap, ...] = ()
    # The region was not asked for: the chain's own city was counted.
    region_defaulted: bool = False
    # The names of the regions counted (the region and those within it); empty for every region.
    regions: tuple[str, ...] = ()

    @property
    def scope(self) -> tuple[str, str]:
        """What was counted, in Chinese and English."""
        if self.region is None:
            return "统计全部地区", "Counted in every region"
        if self.region_defaulted:
            return (
                f"按产业链所在地{self.region}统计（可指定其他地区或全部地区）",
                f"Counted within {self.region}, the chain's own city (ask for another region, or every region)",
            )
        return f"按{self.region}统计", f"Counted within {self.region}"


def chain_whole_gaps(name: str, segments: tuple[SegmentReport, ...]) -> tuple[Gap, ...]:
    """Gaps of the chain as a whole: enterprises in it, and not one chain leader among them.

    >>> seg = SegmentReport("s", "封装", None, 1, SegmentCounts(enterprises=2), ())
    >>> [g.kind.value for g in chain_whole_gaps("集成电路产业链", (seg,))]
    ['NO_CHAIN_LEADER']
    """
    if any(s.counts.chain_leaders for s in segments) or not any(s.counts.enterprises for s in segments):
        return ()
    return (
        Gap(
            GapKind.NO_CHAIN_LEADER,
            0.6,
            f"整条「{name}」没有链主企业，缺少带动全链的龙头",
            f"No chain-leader enterprise anywhere in {name}: nothing leads the chain",
        ),
    )


def chain_gaps(
    store: GraphStore,
    chain: str,
    region: str | None = None,
    *,
    everywhere: bool = False,
    with_enterprises: bool = False,
) -> ChainReport:
    """Counts and gaps of every segment of ``chain``, upstream to downstream, within ``region``.

    Without a region, a chain of one city is counted within that city, unless ``everywhere``.
    The counts come from the segments' tallies (``services/derived/segment_tallies.py``)
    where each holds the scope asked; otherwise, or ``with_enterprises`` (the report then
    lists each segment's enterprises), they are counted from the members.
    """
    policy.require_reports()
    rows = store.read("chain_segments", {"chain": chain})
    if not rows:
        raise NotFoundError(f"no industry chain '{chain}' / 不存在产业链「{chain}」")
    own = rows[0].get("chain_region")
    defaulted = region is None and not everywhere and bool(own)
    if defaulted:
        region = str(own)
    regions = region_names(store, region) if region else []
    scope = regions[0] if regions else EVERYWHERE
    stored = [decode(row.get("tally_actors"), row.get("tally_talent")) for row in rows]
    counted: list[tuple[SegmentCounts, tuple[str, ...] | None]]
    if not with_enterprises and all(t is not None and scope in t for t in stored):
        counted = [(t[scope], None) for t in stored if t is not None]
    else:
        counted = list(_counted(store, rows, regions))
    reports = []
    for row, (counts, enterprises) in zip(rows, counted, strict=True):
        name = str(row["name"])
        reports.append(
            SegmentReport(
                str(row["uid"]),
                name,
                row.get("name_en"),
                int(row["position"] or 0),
                counts,
                find_gaps(name, counts),
                enterprises,
                tuple(sorted(str(f) for f in row["required"] if f)),
            )
        )
    first = rows[0]
    name = str(first["chain_name"])
    done = tuple(reports)
    return ChainReport(
        chain, name, first.get("chain_name_en"), region, done, chain_whole_gaps(name, done), defaulted, tuple(regions)
    )


def segment_enterprises(store: GraphStore, report: ChainReport, segment: SegmentReport) -> tuple[str, ...]:
    """The uids of the segment's enterprises within the report's regions."""
    policy.require_reports()
    if segment.enterprises is not None:
        return segment.enterprises
    rows = store.read("segment_enterprises", {"segment": segment.uid, "regions": list(report.regions)})
    return tuple(str(r["uid"]) for r in rows)


def _counted(
    store: GraphStore, rows: list[dict[str, Any]], regions: list[str]
) -> list[tuple[SegmentCounts, tuple[str, ...]]]:
    """Each segment's counts within ``regions`` (every region if empty) and its enterprises, from the members."""
    segments = [{"uid": r["uid"], "fields": [f for f in r["fields"] if f]} for r in rows]
    actors = {
        str(r["segment"]): r
        for r in store.read("chain_segment_actors", {"segments": [s["uid"] for s in segments], "regions": regions})
    }
    talent = {
        str(r["segment"]): r for r in store.read("chain_segment_talent", {"segments": segments, "regions": regions})
    }
    out = []
    for row in rows:
        uid = str(row["uid"])
        act: dict[str, Any] = actors.get(uid, {})
        tal: dict[str, Any] = talent.get(uid, {})
        enterprises = [e for e in act.get("enterprises") or [] if e]
        counts = SegmentCounts(
            enterprises=len(enterprises),
            chain_leaders=sum(1 for e in enterprises if e["chain_leader"]),
            specialised=sum(1 for e in enterprises if e["specialised"]),
            scientists=int(tal.get("scientists") or 0),
            institutions=int(tal.get("institutions") or 0),
            workstations=int(tal.get("workstations") or 0),
            investors=len({i for e in enterprises for i in e["investors"]}),
            agencies=len({a for e in enterprises for a in e["agencies"]}),
            transfers=sum(int(e["transfers"]) for e in enterprises),
        )
        out.append((counts, tuple(sorted(str(e["uid"]) for e in enterprises))))
    return out


_REPORTS: VersionedCache[ChainReport] = VersionedCache()


def cached_chain_gaps(
    store: GraphStore, chain: str, region: str | None = None, *, everywhere: bool = False
) -> ChainReport:
    """``chain_gaps``, computed once per graph version: counting a chain at a million entities takes seconds."""
    policy.require_reports()
    return _REPORTS.get(
        store,
        ("gaps", chain, region, everywhere),
        lambda: chain_gaps(store, chain, region, everywhere=everywhere),
    )
