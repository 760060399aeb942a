"""The workflow sweeper: a periodic background task of the service, started in the app's lifespan.

Every ``Settings.workflow_sweep_seconds`` it runs one sweep (``services/workflow/sweep.py``:
overdue needs expired, open needs' new candidates announced) in a worker thread, as the
``SWEEPER`` principal. The first sweep waits one interval, so a start (or a test's app)
writes nothing at once. A failed sweep is logged and the next one runs on time; sweeps are
safe to run at once in several processes, so every service worker may run one, or cron
may drive ``graph-service workflow sweep`` with the interval set to 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from graph_service.api.http.threads import run_sync
from graph_service.services.access.principal import acting_as
from graph_service.services.workflow.sweep import SWEEPER, SweepReport, sweep
from graph_service.store import GraphStore

log = logging.getLogger(__name__)


def sweep_once(store: GraphStore) -> SweepReport:
    """One sweep as the service's sweeper."""
    with acting_as(SWEEPER):
        return sweep(store)


async def _run(store: GraphStore, seconds: float) -> None:
    while True:
        await asyncio.sleep(seconds)
        try:
            report = await run_sync(sweep_once, store)
        except Exception:  # a sweep that failed must not end the sweeper
            log.exception("workflow sweep failed")
            continue
        if report.expired or report.candidate_events:
            log.info("workflow sweep: %d needs expired, %d candidate events", report.expired, report.candidate_events)


@contextlib.asynccontextmanager
async def sweeping(store: GraphStore, seconds: float) -> AsyncIterator[None]:
    """Run the sweeper while the block runs (not at all when ``seconds`` is 0)."""
    if seconds <= 0:
        yield
        return
    task = asyncio.create_task(_run(store, seconds), name="workflow-sweeper")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
