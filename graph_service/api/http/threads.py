"""Run blocking store calls off the event loop."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio.to_thread

P = ParamSpec("P")
T = TypeVar("T")


async def run_sync(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in a worker thread, so one slow query blocks no other request.

    The thread runs in a copy of the request's context: the acting principal goes with it.
    """
    context = contextvars.copy_context()
    return await anyio.to_thread.run_sync(lambda: context.run(fn, *args, **kwargs))
