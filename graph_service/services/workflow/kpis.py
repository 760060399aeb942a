"""The KPIs managers report upward: needs and introductions per region, programme and month.

**What each figure counts** (every event is dated by the moment the record says it happened):

- *needs posted*: needs created in the month;
- *taken into docking*: needs whose **first** move into docking is dated in the month (a
  need put back in the queue and taken again is not counted twice), so a need posted in
  March and docked in April counts in April;
- *met*: needs whose move to met is dated in the month (met is final: once per need);
- *introductions proposed*, *agreed*, *declined*: introductions created, agreed, declined in
  the month (agreed and declined are final);
- *conversion rate*: of the introductions **proposed** in the month, the share agreed by the
  end of the period asked for (a cohort rate, so it never exceeds 1 and a later report of
  the same months gives the same figure; the last months of a period are still maturing);
  the totals row takes the whole period's proposals as the denominator;
- *median days to agreement*: over the introductions agreed in the month, the days from
  proposal to agreement;
- *decline reasons*: the introductions declined in the period, by reason, most common first.

Months are calendar months in China Standard Time (UTC+8, no daylight saving), the time
the 科协 report in: a need posted at 2026-11-30T17:00Z is posted on 1 December.

**Region**: a need is in a region when it prefers the region or its enterprise sat there when
posting, the region including the places within it (成都市 includes 高新区), as the queue
reads it; an introduction when its need is, or, without a need, when its enterprise is.
**Programme**: introductions proposed under the programme; the need figures then count the
needs one of those introductions was for. Analysts see the figures of public records only.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from graph_service.domain.workflow import DeclineReason, names
from graph_service.errors import FieldProblem, InvalidInputError, NotFoundError
from graph_service.ontology import EntityKind
from graph_service.services.access.policy import require_role
from graph_service.services.access.principal import Principal, Role
from graph_service.services.stats import region_names
from graph_service.services.workflow import inputs
from graph_service.services.workflow.records import now_utc, stamp
from graph_service.services.workflow.visibility import scope
from graph_service.store import GraphStore

REPORTING_ZONE = timezone(timedelta(hours=8), "CST")
MAX_MONTHS = 36
DEFAULT_MONTHS = 6
_KPI_ROLES = frozenset({Role.ADMIN, Role.MANAGER, Role.ANALYST})


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One month's figures (or the period's, in the totals row, whose ``month`` is '')."""

    month: str
    needs_posted: int = 0
    needs_docked: int = 0
    needs_met: int = 0
    introductions_proposed: int = 0
    introductions_agreed: int = 0
    introductions_declined: int = 0
    proposed_agreed: int = 0  # of the proposed, agreed by the period's end: the rate's numerator
    conversion_rate: float | None = None  # proposed_agreed / introductions_proposed
    median_days_to_agreement: float | None = None


@dataclass(frozen=True, slots=True)
class DeclineCount:
    reason: DeclineReason
    zh: str
    en: str
    count: int
    share: float  # of the period's declined introductions


@dataclass(frozen=True, slots=True)
class WorkflowKpis:
    region: str | None  # the region's own name, when one was asked for
    programme: str | None  # the programme's uid
    programme_name: str | None
    first_month: str
    last_month: str
    months: list[KpiRow] = field(default_factory=list)
    totals: KpiRow = field(default_factory=lambda: KpiRow(""))
    decline_reasons: list[DeclineCount] = field(default_factory=list)
    public_only: bool = False  # analysts: the figures of public records only


def require_kpis() -> Principal:
    return require_role(_KPI_ROLES, "查看对接工作指标", "read the workflow KPIs")


def _month(value: str, name: str) -> tuple[int, int]:
    text = value.strip()
    try:
        moment = datetime.strptime(text, "%Y-%m")
    except ValueError:
        problem = FieldProblem(name, "expected a month as YYYY-MM / 月份格式应为 YYYY-MM")
        raise InvalidInputError(f"{name}: '{value}' is not a month / 「{value}」不是月份", [problem]) from None
    if len(text) != 7:
        problem = FieldProblem(name, "expected a month as YYYY-MM / 月份格式应为 YYYY-MM")
        raise InvalidInputError(f"{name}: '{value}' is not a month / 「{value}」不是月份", [problem])
    return moment.year, moment.month


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def months_of(first: str | None, last: str | None, today: datetime) -> list[str]:
    """The months from ``first`` to ``last`` (both YYYY-MM), by default the six up to this one.

    >>> months_of("2026-11", "2027-01", datetime(2026, 12, 1, tzinfo=timezone.utc))
    ['2026-11', '2026-12', '2027-01']
    """
    local = today.astimezone(REPORTING_ZONE)
    end = _month(last, "to") if last else (local.year, local.month)
    start = _month(first, "from") if first else _shift(*end, -(DEFAULT_MONTHS - 1))
    span = (end[0] * 12 + end[1]) - (start[0] * 12 + start[1]) + 1
    if span < 1:
        problem = FieldProblem("from", "after the last month / 起始月份晚于结束月份")
        raise InvalidInputError("the period ends before it starts / 统计期间有误", [problem])
    if span > MAX_MONTHS:
        problem = FieldProblem("from", f"at most {MAX_MONTHS} months / 最多 {MAX_MONTHS} 个月")
        raise InvalidInputError(f"a period of {span} months is too long / 统计期间过长", [problem])
    return [f"{y:04d}-{m:02d}" for y, m in (_shift(*start, i) for i in range(span))]


def month_start(month: str) -> str:
    """The UTC stamp at which ``month`` starts in China Standard Time.

    >>> month_start("2026-12")
    '2026-11-30T16:00:00.000Z'
    """
    year, number = _month(month, "month")
    return stamp(datetime(year, number, 1, tzinfo=REPORTING_ZONE))


def _bucket(at: str | None, bounds: list[tuple[str, str, str]]) -> str | None:
    if not at:
        return None
    for month, start, end in bounds:
        if start <= at < end:
            return month
    return None


def _parse(at: str) -> datetime:
    return datetime.fromisoformat(at.replace("Z", "+00:00"))


def _days(start: str, end: str) -> float:
    return (_parse(end) - _parse(start)).total_seconds() / 86400


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _row(month: str, counts: Mapping[str, int], durations: list[float]) -> KpiRow:
    proposed, converted = counts["proposed"], counts["converted"]
    return KpiRow(
        month=month,
        needs_posted=counts["posted"],
        needs_docked=counts["docked"],
        needs_met=counts["met"],
        introductions_proposed=proposed,
        introductions_agreed=counts["agreed"],
        introductions_declined=counts["declined"],
        proposed_agreed=converted,
        conversion_rate=round(converted / proposed, 4) if proposed else None,
        median_days_to_agreement=_median(durations),
    )


def _programme(store: GraphStore, programme: str | None) -> tuple[str | None, str | None]:
    """The programme's uid and name; NotFoundError when no Programme has the uid."""
    cleaned = (programme or "").strip()
    if not cleaned:
        return None, None
    problems: list[FieldProblem] = []
    if not inputs.uid(cleaned, "programme", problems):
        raise InvalidInputError(f"programme '{cleaned}' is not a uid / 计划标识无效", problems)
    rows = store.read("entity_get", {"uid": cleaned})
    if not rows or rows[0]["entity"].get("kind") != EntityKind.PROGRAMME.value:
        raise NotFoundError(f"no programme '{cleaned}' / 不存在计划或平台「{cleaned}」", uid=cleaned)
    return cleaned, str(rows[0]["entity"].get("name") or cleaned)


def workflow_kpis(
    store: GraphStore,
    *,
    region: str | None = None,
    programme: str | None = None,
    first: str | None = None,
    last: str | None = None,
    now: datetime | None = None,
) -> WorkflowKpis:
    """The KPIs of the months ``first`` to ``last`` (YYYY-MM, China time), as the module docstring counts them.

    Three queries (two without a programme), each returning a few dates per record that can
    have an event in the period; the histories are read inside the engine.
    """
    principal = require_kpis()
    months = months_of(first, last, now or now_utc())
    regions = region_names(store, region) if region else []
    uid, programme_name = _programme(store, programme)
    _, confidentialities = scope(principal)
    starts = [month_start(m) for m in months]
    end = month_start("{:04d}-{:02d}".format(*_shift(*_month(months[-1], "to"), 1)))
    bounds = list(zip(months, starts, [*starts[1:], end], strict=True))
    common: dict[str, Any] = {
        "start": starts[0],
        "end": end,
        "regions": regions,
        "confidentialities": confidentialities,
    }
    common["programme"] = uid or ""
    intro_rows = store.read("kpi_introductions", common)
    needs: list[str] = []
    if uid:
        needs = [str(r["need"]) for r in store.read("kpi_programme_needs", {"programme": uid})]
    need_rows = store.read("kpi_needs", {**common, "needs": needs})

    counts: dict[str, Counter[str]] = {m: Counter() for m in months}
    durations: dict[str, list[float]] = {m: [] for m in months}
    for row in need_rows:
        for event in ("posted", "docked", "met"):
            month = _bucket(row.get(event), bounds)
            if month:
                counts[month][event] += 1
    reasons: Counter[str] = Counter()
    for row in intro_rows:
        proposed, agreed, declined = row.get("proposed"), row.get("agreed"), row.get("declined")
        month = _bucket(proposed, bounds)
        if month:
            counts[month]["proposed"] += 1
            if agreed and agreed < end:
                counts[month]["converted"] += 1
        month = _bucket(agreed, bounds)
        if month and proposed:
            counts[month]["agreed"] += 1
            durations[month].append(_days(proposed, str(agreed)))
        month = _bucket(declined, bounds)
        if month:
            counts[month]["declined"] += 1
            reasons[str(row.get("reason") or DeclineReason.OTHER.value)] += 1

    total: Counter[str] = Counter()
    for month_counts in counts.values():
        total.update(month_counts)
    declined = sum(reasons.values())
    return WorkflowKpis(
        region=regions[0] if regions else None,
        programme=uid,
        programme_name=programme_name,
        first_month=months[0],
        last_month=months[-1],
        months=[_row(m, counts[m], durations[m]) for m in months],
        totals=_row("", total, [d for m in months for d in durations[m]]),
        decline_reasons=_reasons(reasons, declined),
        public_only=bool(confidentialities),
    )


def _reasons(reasons: Counter[str], declined: int) -> list[DeclineCount]:
    order = {reason.value: i for i, reason in enumerate(DeclineReason)}
    ranked: Iterable[tuple[str, int]] = sorted(reasons.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
    out = []
    for value, count in ranked:
        reason = DeclineReason(value) if value in order else DeclineReason.OTHER
        zh, en = names(reason)
        out.append(DeclineCount(reason, zh, en, count, round(count / declined, 4)))
    return out
