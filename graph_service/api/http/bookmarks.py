"""Read-your-writes across workers: bookmarks in a response header, handed back by the client.

Each worker has its own Neo4j driver (or its own view of the embedded engine's replicas), so a
client whose mutation went through one worker may read through another whose follower or
replica has not caught up. Every GraphQL answer carries the worker's bookmarks in
``Graph-Bookmarks`` (Neo4j bookmarks, or the replicated engine's replication offset); a
request that sends them back is answered only once this worker's reads see that state. A
single embedded engine has one state and no bookmarks: the header is then never sent, and
one received is ignored.
"""

from __future__ import annotations

from cross_web import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from graph_service.errors import QueryError, StoreUnavailableError
from graph_service.store import GraphStore

HEADER = "Graph-Bookmarks"
MAX_BOOKMARKS = 16
MAX_LENGTH = 4096


def requested(request: Request) -> list[str]:
    """The bookmarks a client sent (comma-separated), or 400 when the header is malformed."""
    raw = request.headers.get(HEADER)
    if raw is None:
        return []
    marks = [mark.strip() for mark in raw.split(",") if mark.strip()]
    if len(raw) > MAX_LENGTH or len(marks) > MAX_BOOKMARKS:
        raise HTTPException(
            400,
            f"{HEADER} holds at most {MAX_BOOKMARKS} bookmarks in {MAX_LENGTH} characters: send back the last "
            f"answer's only / {HEADER} 最多 {MAX_BOOKMARKS} 个书签、{MAX_LENGTH} 个字符：只需回传上一次响应的书签",
        )
    return marks


async def catch_up(store: GraphStore, marks: list[str]) -> None:
    """Wait until ``store`` reads the state ``marks`` name; a refused bookmark is the client's 400."""
    if not marks:
        return
    try:
        await run_in_threadpool(store.catch_up, marks)
    except StoreUnavailableError as exc:
        raise HTTPException(
            503, f"no reader has reached the state in {HEADER} yet / 尚无读节点达到 {HEADER} 所示的状态"
        ) from exc
    except QueryError as exc:
        raise HTTPException(
            400, f"the database refused the bookmarks in {HEADER} / 数据库拒绝了 {HEADER} 中的书签"
        ) from exc


def attach(response: Response, store: GraphStore) -> None:
    """Send this worker's bookmarks with the answer (nothing on a single embedded engine)."""
    marks = store.bookmarks()
    if marks:
        response.headers[HEADER] = ",".join(marks)
