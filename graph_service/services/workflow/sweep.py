"""The workflow's sweep: overdue needs expired, and open needs told of new matching candidates.

Run periodically by the service (``api/http/sweeper.py``) or once by ``graph-service
workflow sweep`` (cron, where several service processes share a graph). Each pass:

1. expires every open or docking need whose deadline has passed (``needs.expire_overdue``);
   each move is a compare-and-set, so two sweeps at once expire a need once;
2. for each open need whose candidates were last computed at another graph version (or
   never: a need posted since), asks the recommender for its top ``WATCHED`` candidates and
   records them on the need (``candidates_seen``, ``candidates_version``), with one
   ``candidates_found`` event naming those that were not in the last-seen list. Workflow
   writes do not move the graph's version, so a pass over an unchanged graph reads one
   short query and writes nothing.

**Two sweeps at once.** The record is a compare-and-set on the version the sweep read
(``need_candidates_set``): of two sweeps that computed the same need at the same version,
the second finds the version already moved on and writes nothing, event included.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from graph_service.domain.workflow import FoundCandidate, NeedStatus, TechNeed
from graph_service.errors import GraphServiceError
from graph_service.services.access.principal import Principal, Role
from graph_service.services.workflow.events import candidates_event
from graph_service.services.workflow.needs import expire_overdue
from graph_service.services.workflow.queue import best_candidates
from graph_service.services.workflow.records import need_from_row, now_utc, stamp
from graph_service.services.workflow.visibility import require_broker
from graph_service.store import GraphStore

log = logging.getLogger(__name__)

# How many of an open need's best candidates are watched for newcomers.
WATCHED = 5
WATCHED_STATUSES = (NeedStatus.OPEN.value,)
# Who the service's own sweeper acts as: an admin, named in the audit log by its token id.
SWEEPER = Principal(Role.ADMIN, token_id="sweeper")


@dataclass(frozen=True, slots=True)
class SweepReport:
    expired: int
    refreshed: int  # needs whose candidates were recorded at this version
    candidate_events: int
    version: str


def _found(need: TechNeed, seen: set[str], store: GraphStore) -> tuple[list[str], list[FoundCandidate]]:
    top = best_candidates(store, need, first=WATCHED)
    uids = [r.partner.uid for r in top]
    new = [
        FoundCandidate(r.partner.uid, r.partner.kind.value, r.partner.name, rank)
        for rank, r in enumerate(top, start=1)
        if r.partner.uid not in seen
    ]
    return uids, new


def refresh_candidates(store: GraphStore) -> tuple[int, int, str]:
    """Record the top candidates of each open need not yet computed at this version (brokers only).

    Returns how many needs were recorded, how many events were written, and the version.
    """
    require_broker()
    version = store.version()
    rows = store.read("needs_candidates_due", {"statuses": list(WATCHED_STATUSES), "version": version})
    refreshed = events = 0
    for row in rows:
        stored = row["need"]
        need = need_from_row(stored)
        try:
            uids, new = _found(need, {str(u) for u in stored.get("candidates_seen") or []}, store)
        except GraphServiceError as exc:
            # One need the recommender cannot answer must not stop the others' sweep.
            log.warning("sweep: no candidates for %s: %s", need.id, exc)
            continue
        event = (
            [
                candidates_event(
                    need=need.id,
                    enterprise=need.enterprise,
                    confidentiality=need.confidentiality,
                    found=new,
                    version=version,
                    at=stamp(now_utc()),
                )
            ]
            if new
            else []
        )
        params = {
            "id": need.id,
            "seen": str(stored.get("candidates_version") or ""),
            "statuses": list(WATCHED_STATUSES),
            "uids": uids,
            "version": version,
            "events": event,
        }
        written = store.write_records("need_candidates_set", params)
        if written:
            refreshed += 1
            events += int(written[0]["written"])
    return refreshed, events, version


def sweep(store: GraphStore, *, today: date | None = None) -> SweepReport:
    """One pass: expire overdue needs, then refresh open needs' candidates (brokers only)."""
    expired = expire_overdue(store, today=today)
    refreshed, events, version = refresh_candidates(store)
    return SweepReport(len(expired), refreshed, events, version)
