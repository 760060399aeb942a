"""review_workstations: academician and expert workstations reviewed for entry and exit (工作站评估).

Each workstation of ``REVIEWED_KINDS`` that has not exited, in the region (the station's
own ``region``, or any region within it), with its activity:

- experts: scientists stationed at it (STATIONED_AT), academicians among them;
- collaborations: COLLABORATED_WITH ties, either direction, between a stationed expert and
  the host (HOSTED_BY);
- developed: achievements a stationed expert developed (DEVELOPED) while stationed, that is
  in or after the year of the STATIONED_AT tie where both ties carry a year;
- transferred: those achievements with a TRANSFERRED_TO tie to an enterprise, and of them
  the ones transferred to the host;
- with ``since``, a collaboration, development or transfer counts only when its tie
  carries a year no earlier than ``since`` (an undated tie cannot be placed in the period);
  experts are counted whenever they were stationed;
- the host's chain roles: the segments it sits in (IN_SEGMENT) and whether it is a chain
  leader (链主) or a specialised SME (专精特新), as chain gaps read them.

Score = experts + academicians + 2 × collaborations + 2 × developed + 3 × transferred
+ 2 if the host holds a chain role + 2 if it is a chain leader.

Verdicts (``RULE`` states them in the answer):

- consider closing (考虑退出): no expert is stationed, or nothing went through the station
  in the period (no collaboration, development or transfer);
- renew (建议续设): otherwise, a score of at least ``RENEW_SCORE``;
- watch (观察): the rest.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from graph_service.errors import FieldProblem, InvalidInputError, LimitExceededError
from graph_service.ontology import EntityKind
from graph_service.services.access import policy
from graph_service.services.programmes.places import region_scope
from graph_service.services.programmes.workstation_candidates import (
    CandidateHost,
    ChainRole,
    Note,
    candidate_hosts,
    chain_roles,
)
from graph_service.store import GraphStore

REVIEWED_KINDS = ("academician", "expert", "overseas", "young_scientist")
RENEW_SCORE = 10
FIRST_YEAR = 1900
DEFAULT_FIRST = 100
MAX_FIRST = 500
DEFAULT_CANDIDATES = 20
MAX_CANDIDATES = 100
RULE = Note(
    "活跃度 = 进站专家数 + 院士数 + 2×与依托单位合作数 + 2×研发成果数 + 3×转化成果数 + 2（依托单位属产业链环节）"
    f" + 2（依托单位为链主企业）；无专家进站或期间无合作、研发、转化：考虑退出；其余活跃度 ≥ {RENEW_SCORE}：建议续设；"
    "其余：观察",
    "Activity = experts + academicians + 2 × collaborations with the host + 2 × achievements developed"
    " + 3 × achievements transferred + 2 (host holds a chain role) + 2 (host is a chain leader);"
    " no expert stationed, or no collaboration, development or transfer in the period: consider closing;"
    f" otherwise an activity of {RENEW_SCORE} or more: renew; the rest: watch",
)


class Verdict(enum.Enum):
    RENEW = "RENEW"
    WATCH = "WATCH"
    CONSIDER_CLOSING = "CONSIDER_CLOSING"

    @property
    def zh(self) -> str:
        return {"RENEW": "建议续设", "WATCH": "观察", "CONSIDER_CLOSING": "考虑退出"}[self.value]

    @property
    def en(self) -> str:
        return {"RENEW": "Renew", "WATCH": "Watch", "CONSIDER_CLOSING": "Consider closing"}[self.value]


@dataclass(frozen=True, slots=True)
class Activity:
    experts: int = 0
    academicians: int = 0
    collaborations: int = 0
    developed: int = 0
    transferred: int = 0
    transferred_to_host: int = 0


@dataclass(frozen=True, slots=True)
class Host:
    uid: str
    name: str
    name_en: str | None
    kind: EntityKind
    region: str | None
    chain_leader: bool = False
    specialised: bool = False
    roles: tuple[ChainRole, ...] = ()


@dataclass(frozen=True, slots=True)
class StationReview:
    uid: str
    name: str
    name_en: str | None
    station_kind: str | None
    level: str | None
    status: str | None
    established: int | None
    region: str | None
    host: Host | None
    activity: Activity
    score: int
    verdict: Verdict
    reasons: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class WorkstationReview:
    region: str | None
    since: int | None
    stations: tuple[StationReview, ...]
    candidates: tuple[CandidateHost, ...]
    reviewed: int  # stations reviewed, before ``first`` cut the list
    verdicts: dict[Verdict, int]
    rule: Note = RULE


def activity_score(activity: Activity, host: Host | None) -> int:
    """The documented activity score of a station.

    >>> activity_score(Activity(experts=2, academicians=1, collaborations=1, developed=2, transferred=1), None)
    12
    """
    score = activity.experts + activity.academicians
    score += 2 * activity.collaborations + 2 * activity.developed + 3 * activity.transferred
    if host is not None:
        score += 2 * bool(host.roles) + 2 * host.chain_leader
    return score


def verdict_of(activity: Activity, score: int) -> Verdict:
    """Renew, watch or consider closing, by the rule of the module docstring.

    >>> verdict_of(Activity(experts=3), 3).value, verdict_of(Activity(experts=1, developed=1), 3).value
    ('CONSIDER_CLOSING', 'WATCH')
    """
    if activity.experts == 0 or activity.collaborations + activity.developed + activity.transferred == 0:
        return Verdict.CONSIDER_CLOSING
    return Verdict.RENEW if score >= RENEW_SCORE else Verdict.WATCH


def _segments(n: int) -> str:
    return f"{n} chain segment" if n == 1 else f"{n} chain segments"


def _reasons(a: Activity, host: Host | None, since: int | None, score: int, verdict: Verdict) -> tuple[Note, ...]:
    period_zh, period_en = (f"{since} 年以来", f" since {since}") if since else ("", "")
    notes = [
        Note(
            f"进站专家 {a.experts} 位（院士 {a.academicians} 位）",
            f"{a.experts} experts stationed ({a.academicians} academicians)",
        )
        if a.experts
        else Note("没有专家进站", "No expert is stationed"),
        Note(
            f"{period_zh}专家与依托单位合作 {a.collaborations} 次",
            f"{a.collaborations} collaborations of its experts with the host{period_en}",
        ),
        Note(
            f"{period_zh}在站研发成果 {a.developed} 项，转化 {a.transferred} 项"
            f"（转至依托单位 {a.transferred_to_host} 项）",
            f"{a.developed} achievements developed while stationed{period_en}, {a.transferred} transferred"
            f" ({a.transferred_to_host} to the host)",
        ),
    ]
    if host is None:
        notes.append(Note("未记录依托单位", "No host is recorded"))
    else:
        if host.roles:
            segments = "、".join(f"「{r.name}」" for r in host.roles)
            notes.append(
                Note(
                    f"依托单位{host.name}属于{segments}环节" + ("，是链主企业" if host.chain_leader else ""),
                    f"The host {host.name} sits in {_segments(len(host.roles))}"
                    + (" and is a chain leader" if host.chain_leader else ""),
                )
            )
        else:
            notes.append(Note(f"依托单位{host.name}不在产业链环节中", f"The host {host.name} holds no chain role"))
    notes.append(Note(f"活跃度 {score}：{verdict.zh}", f"Activity {score}: {verdict.en.lower()}"))
    return tuple(notes)


def _station(row: dict[str, Any], since: int | None) -> StationReview:
    host = None
    if row.get("host"):
        host = Host(
            str(row["host"]),
            str(row.get("host_name") or row["host"]),
            row.get("host_name_en"),
            EntityKind(str(row["host_kind"])),
            row.get("host_region"),
            bool(row.get("chain_leader")),
            bool(row.get("specialised")),
            chain_roles(row.get("roles") or []),
        )
    activity = Activity(
        *(
            int(row.get(name) or 0)
            for name in ("experts", "academicians", "collaborations", "developed", "transferred", "transferred_to_host")
        )
    )
    score = activity_score(activity, host)
    verdict = verdict_of(activity, score)
    return StationReview(
        str(row["uid"]),
        str(row.get("name") or row["uid"]),
        row.get("name_en"),
        row.get("station_kind"),
        row.get("level"),
        row.get("status"),
        row.get("established"),
        row.get("region"),
        host,
        activity,
        score,
        verdict,
        _reasons(activity, host, since, score, verdict),
    )


def _check(since: int | None, first: int, candidates: int) -> None:
    last = dt.date.today().year
    if since is not None and not FIRST_YEAR <= since <= last:
        message = f"since must be a year from {FIRST_YEAR} to {last} / since 须为 {FIRST_YEAR} 到 {last} 之间的年份"
        raise InvalidInputError(message, [FieldProblem("since", message)])
    if not 1 <= first <= MAX_FIRST:
        raise LimitExceededError(f"first must be between 1 and {MAX_FIRST} / first 须在 1 到 {MAX_FIRST} 之间")
    if not 0 <= candidates <= MAX_CANDIDATES:
        raise LimitExceededError(
            f"candidates must be between 0 and {MAX_CANDIDATES} / candidates 须在 0 到 {MAX_CANDIDATES} 之间"
        )


def review_workstations(
    store: GraphStore,
    region: str | None = None,
    since: int | None = None,
    *,
    first: int = DEFAULT_FIRST,
    candidates: int = DEFAULT_CANDIDATES,
) -> WorkstationReview:
    """Stations ranked by activity score (then uid), with verdicts, and the best ``candidates`` new hosts."""
    policy.require_reports()
    _check(since, first, candidates)
    names = region_scope(store, region) if region else []
    rows = store.read("workstation_activity", {"regions": names, "station_kinds": list(REVIEWED_KINDS), "since": since})
    stations = sorted((_station(r, since) for r in rows), key=lambda s: (-s.score, s.uid))
    verdicts = {v: sum(1 for s in stations if s.verdict is v) for v in Verdict}
    hosts = candidate_hosts(store, names, candidates) if candidates else ()
    return WorkstationReview(
        names[0] if names else None, since, tuple(stations[:first]), hosts, len(stations), verdicts
    )
