"""The status machines of needs and introductions: which moves are legal, and who may make them.

**Needs** (技术需求)::

    open ──────► in_docking ──► met
      │  ▲            │
      │  └────────────┤          (docking fell through: back to the queue)
      ├──► withdrawn ◄┤
      └──► expired ◄──┘

A manager takes an open need into docking (proposing its first introduction does so); a
docking that leads nowhere puts it back in the queue. ``met``, ``withdrawn`` and ``expired``
are final: a changed or renewed need is posted again, so what the KPIs count as met or
expired never changes afterwards. ``expired`` is set by the deadline sweep or a manager;
the enterprise itself may withdraw its need or report it met.

**Introductions** (对接引荐)::

    proposed ──► contacted ──► met ──► agreed
       │             │  ▲       │
       │             ▼  │       │
       │         no_answer ◄────┤
       └──────────► declined ◄──┘   (also from contacted and from no_answer)

What a 科协 broker meets in practice, and why the table allows it:

- the enterprise may turn a proposal down before anyone is called (``proposed → declined``);
- a partner called once and silent is ``no_answer``; a later follow-up that reaches them
  goes back to ``contacted`` (brokers chase), and silence can end in a ``declined`` with
  the reason "no response";
- ``agreed`` only after ``met``: a meeting (an online one counts) is what the programmes
  report as 对接, and an agreement without one is recorded as met first, the same day;
- a meeting can end without an answer (``met → no_answer``) or with a no (``met → declined``);
- ``agreed`` and ``declined`` are final: they are the outcomes a ranker learns from.

Only managers and admins move introductions. A move to the status a record already has is
not a move: the services answer it as an idempotent re-send (see ``introductions.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from graph_service.domain.workflow import IntroductionStatus, NeedStatus, label, names
from graph_service.errors import FieldProblem, InvalidInputError

N, IS = NeedStatus, IntroductionStatus

NEED_MOVES: dict[NeedStatus, frozenset[NeedStatus]] = {
    N.OPEN: frozenset({N.IN_DOCKING, N.MET, N.WITHDRAWN, N.EXPIRED}),
    N.IN_DOCKING: frozenset({N.OPEN, N.MET, N.WITHDRAWN, N.EXPIRED}),
    N.MET: frozenset(),
    N.WITHDRAWN: frozenset(),
    N.EXPIRED: frozenset(),
}

# The moves an enterprise may make on its own needs; managers and admins make every legal move.
ENTERPRISE_NEED_MOVES = frozenset({N.MET, N.WITHDRAWN})

# A need an introduction may still be proposed for.
ACTIVE_NEEDS = frozenset({N.OPEN, N.IN_DOCKING})

INTRODUCTION_MOVES: dict[IntroductionStatus, frozenset[IntroductionStatus]] = {
    IS.PROPOSED: frozenset({IS.CONTACTED, IS.DECLINED}),
    IS.CONTACTED: frozenset({IS.MET, IS.DECLINED, IS.NO_ANSWER}),
    IS.MET: frozenset({IS.AGREED, IS.DECLINED, IS.NO_ANSWER}),
    IS.NO_ANSWER: frozenset({IS.CONTACTED, IS.DECLINED}),
    IS.AGREED: frozenset(),
    IS.DECLINED: frozenset(),
}


def _names(statuses: Iterable[StrEnum]) -> tuple[str, str]:
    chosen = sorted(statuses)
    return ", ".join(names(s)[1] for s in chosen), "、".join(names(s)[0] for s in chosen)


def _check(
    table: Mapping[Any, frozenset[Any]], what: tuple[str, str], record: str, current: StrEnum, to: StrEnum
) -> None:
    if to in table[current]:
        return
    en, zh = _names(table[current])
    allowed_en = f"allowed from there: {en}" if en else "that status is final"
    allowed_zh = f"可改为：{zh}" if zh else "该状态为终态"
    raise InvalidInputError(
        f"{what[0]} {record} cannot move from {label(current)} to {label(to)}; {allowed_en} / "
        f"{what[1]}「{record}」不能从「{names(current)[0]}」改为「{names(to)[0]}」，{allowed_zh}",
        [FieldProblem("status", f"{current.value} -> {to.value} is not a legal move / 不允许的状态变更", record)],
    )


def check_need_move(record: str, current: NeedStatus, to: NeedStatus) -> None:
    """Raise ``InvalidInputError`` naming the need and both statuses when ``current → to`` is illegal.

    >>> check_need_move("need:1", NeedStatus.OPEN, NeedStatus.MET)
    >>> check_need_move("need:1", NeedStatus.MET, NeedStatus.OPEN)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph_service.errors.InvalidInputError: need need:1 cannot move from 已满足 (met) to 待对接 (open); ...
    """
    _check(NEED_MOVES, ("need", "技术需求"), record, current, to)


def check_introduction_move(record: str, current: IntroductionStatus, to: IntroductionStatus) -> None:
    """Raise ``InvalidInputError`` naming the introduction and both statuses when ``current → to`` is illegal.

    >>> check_introduction_move("intro:1", IntroductionStatus.PROPOSED, IntroductionStatus.AGREED)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph_service.errors.InvalidInputError: introduction intro:1 cannot move from 已提议 (proposed) to ...
    """
    _check(INTRODUCTION_MOVES, ("introduction", "对接引荐"), record, current, to)
