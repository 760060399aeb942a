"""How workflow records are stored: ids, timestamps, history steps, and rows back to domain values.

**Ids** are ULIDs behind a prefix (``need:01J…``, ``intro:01J…``, ``audit:01J…``): 48 bits
of milliseconds then 80 random bits in Crockford base 32, so two processes never collide.
**Pages** are cut by ``seq``, an integer of the same moment (milliseconds times a million,
plus six random digits), newest first: FalkorDB 4.16 ignores a ``<`` on a string property
that has a range index (measured: ``n.id < $x`` returned every node), while integer ranges
on an index are answered right on both engines.

**History** is a list property of JSON strings, one step each, on the record itself rather
than nodes of its own: a step is appended in the same statement as the status it records
(``n.history + [$step]``), a record is read with its history in one lookup, and a backup
carries it as a property. The audit log (``AuditEntry`` nodes) holds the same moves for
admins; the history is what the record's own readers (the enterprise) may see.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from graph_service.domain.workflow import (
    Agreement,
    AgreementKind,
    Confidentiality,
    Decline,
    DeclineReason,
    DeclineSide,
    Introduction,
    IntroductionSource,
    IntroductionStatus,
    NeedStatus,
    RecordPage,
    StatusChange,
    TechNeed,
)
from graph_service.errors import InvalidInputError, LimitExceededError

T = TypeVar("T")

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MAX_PAGE = 100
# Above every seq: the bound of a first page.
FIRST_PAGE = 2**62


def now_utc() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """An ISO 8601 UTC timestamp to the millisecond, as every workflow record stores time."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id(prefix: str, moment: datetime) -> str:
    """A time-ordered unique id: ``prefix:`` and a ULID of ``moment``.

    >>> moment = datetime(2026, 5, 1, tzinfo=UTC)
    >>> new_id("need", moment)[:15], len(new_id("need", moment))
    ('need:01KQGDBJ00', 31)
    """
    value = (int(moment.timestamp() * 1000) << 80) | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return f"{prefix}:{''.join(reversed(chars))}"


def sequence(moment: datetime) -> int:
    """The paging key of a record made at ``moment``: later moments sort higher.

    The milliseconds and a random tie-break below a thousand, under 2^53 (until the year
    2255): FalkorDB's index compares numbers as doubles, which tell larger integers apart
    only in steps (256 near 1.8e18), so a page's ``seq < $before`` would skip a neighbour.

    >>> sequence(datetime(2026, 5, 1, tzinfo=UTC)) // 1000
    1777593600000
    """
    return int(moment.timestamp() * 1000) * 1000 + secrets.randbelow(1000)


def step(from_status: str, to_status: str, at: str, by: str, note: str) -> str:
    """One history step as stored: a JSON object in a list property."""
    # cypher/kpi_needs.cypher reads "to" and "at" out of this text inside the engine, by the
    # default separators (`"to": "`): keep them, or change that query with them.
    return json.dumps({"from": from_status, "to": to_status, "at": at, "by": by, "note": note}, ensure_ascii=False)


def _history(value: Any) -> tuple[StatusChange, ...]:
    steps = []
    for text in value or []:
        item = json.loads(text)
        steps.append(StatusChange(item["from"], item["to"], item["at"], item["by"], item.get("note", "")))
    return tuple(steps)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def need_from_row(row: Mapping[str, Any]) -> TechNeed:
    return TechNeed(
        id=str(row["id"]),
        enterprise=str(row["enterprise"]),
        text=str(row.get("text", "")),
        fields=tuple(str(f) for f in row.get("fields") or []),
        budget_min=_number(row.get("budget_min")),
        budget_max=_number(row.get("budget_max")),
        deadline=_text(row.get("deadline")),
        region=_text(row.get("region")),
        enterprise_region=_text(row.get("enterprise_region")),
        confidentiality=Confidentiality(row["confidentiality"]),
        status=NeedStatus(row["status"]),
        created_at=str(row["created_at"]),
        created_by=str(row["created_by"]),
        updated_at=str(row["updated_at"]),
        history=_history(row.get("history")),
    )


def introduction_from_row(row: Mapping[str, Any]) -> Introduction:
    decline = None
    if row.get("decline_reason"):
        side = row.get("declined_by")
        decline = Decline(
            DeclineReason(row["decline_reason"]),
            str(row.get("decline_text") or ""),
            DeclineSide(side) if side else None,
        )
    agreement = None
    if row.get("agreement_kind"):
        agreement = Agreement(
            AgreementKind(row["agreement_kind"]),
            str(row["relation_type"]),
            str(row["relation_source"]),
            str(row["relation_target"]),
        )
    return Introduction(
        id=str(row["id"]),
        need=_text(row.get("need")),
        enterprise=str(row["enterprise"]),
        partner=str(row["partner"]),
        partner_kind=str(row["partner_kind"]),
        source=IntroductionSource(row["source"]),
        note=str(row.get("note") or ""),
        status=IntroductionStatus(row["status"]),
        created_at=str(row["created_at"]),
        created_by=str(row["created_by"]),
        updated_at=str(row["updated_at"]),
        history=_history(row.get("history")),
        decline=decline,
        agreement=agreement,
        confidentiality=Confidentiality(row.get("confidentiality") or Confidentiality.PUBLIC),
        programme=_text(row.get("programme")),
    )


def storable(props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` without the absent values: a stored property is never null on either engine."""
    return {k: v for k, v in props.items() if v is not None}


def check_first(first: int) -> None:
    """A page holds 1 to ``MAX_PAGE`` records."""
    if not 1 <= first <= MAX_PAGE:
        raise LimitExceededError(f"first must be between 1 and {MAX_PAGE} / first 须在 1 到 {MAX_PAGE} 之间")


def page_of(rows: Sequence[Mapping[str, Any]], first: int, convert: Callable[[Mapping[str, Any]], T]) -> RecordPage[T]:
    """The first ``first`` of ``rows`` (read with one more, to know whether a next page exists)."""
    items = [convert(row) for row in rows[:first]]
    return RecordPage(items, len(rows) > first, [str(row["seq"]) for row in rows[:first]])


def page_bound(cursor: str | None) -> int:
    """The ``$before`` of the page after ``cursor`` (the last ``seq`` of the page before)."""
    if cursor is None:
        return FIRST_PAGE
    try:
        return int(cursor)
    except ValueError:
        raise InvalidInputError("invalid cursor / 无效的游标") from None
