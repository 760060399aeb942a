"""``/feeds/changes.atom`` and ``/feeds/changes.json``: the ``changes`` events as feeds, per token.

The same events as the GraphQL ``changes`` query (``services/workflow/events.py``), for the
requesting token: a bearer header, or the token's feed key as ``?key=`` where a reader
cannot send one (``api/graphql/auth.py``). Without ``since`` a feed holds the latest
``first`` events (default 50); with ``since`` (a cursor, as ``changes`` gives) the events
after it. Entries are newest first, each with a stable id, so a reader that polls shows
each event once. The feed's own links never carry the key.

Atom is RFC 4287; JSON Feed is version 1.1 (https://jsonfeed.org/version/1.1), with the
event's fields and cursor under the ``_graph_service`` extension key.
"""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph_service.api.graphql.cursors import decode_cursor, encode_cursor
from graph_service.api.http.state import store_of
from graph_service.api.http.threads import run_sync
from graph_service.domain.workflow import ChangeEvent, names
from graph_service.errors import ForbiddenError, GraphServiceError, InvalidInputError, LimitExceededError
from graph_service.services.access.principal import current
from graph_service.services.workflow.events import changes, latest_changes, title
from graph_service.services.workflow.records import now_utc, stamp

ATOM = "http://www.w3.org/2005/Atom"
JSON_FEED = "https://jsonfeed.org/version/1.1"
FEED_TITLE = "创新生态图谱 · 供需对接动态 / Ecosystem Graph · matchmaking changes"
FEED_DESCRIPTION = "新的匹配候选与状态变更 / New matching candidates and status changes"
AUTHOR = "创新生态图谱 / Ecosystem Graph"
# Entry ids: a tag URI (RFC 4151) of the event's own id, the same in both feeds.
TAG = "tag:ecosystem-graph,2026:"
_STATUS = {ForbiddenError: 403, LimitExceededError: 400, InvalidInputError: 400}


def _events(request: Request) -> list[ChangeEvent]:
    """The requesting token's events, newest first."""
    store = store_of(request)
    params = request.query_params
    try:
        first = int(params.get("first", "50"))
    except ValueError:
        raise InvalidInputError("first must be a whole number / first 须为整数") from None
    since = params.get("since")
    if since is None:
        return latest_changes(store, first=first)
    page = changes(store, since=decode_cursor(since), first=first)
    return list(reversed(page.events))


def _self_url(request: Request) -> str:
    # The URL without its query: never the key.
    return str(request.url.replace(query=""))


def _details(event: ChangeEvent) -> str:
    zh, en = title(event)
    lines = [zh, en, f"{event.at}"]
    if event.by:
        lines.append(f"操作者 / by: {event.by}")
    if event.note:
        lines.append(f"备注 / note: {event.note}")
    if event.partner:
        lines.append(f"合作方 / partner: {event.partner} ({event.partner_kind})")
    for c in event.candidates:
        lines.append(f"#{c.rank} {c.name} ({c.kind}, {c.uid})")
    return "\n".join(lines)


def _plain(event: ChangeEvent) -> dict[str, object]:
    return {
        "kind": event.kind.value,
        "cursor": encode_cursor(str(event.seq)),
        "record": event.record,
        "need": event.need,
        "enterprise": event.enterprise,
        "from": event.from_status,
        "to": event.to_status,
        "by": event.by,
        "note": event.note,
        "partner": event.partner,
        "partnerKind": event.partner_kind,
        "candidates": [{"uid": c.uid, "kind": c.kind, "name": c.name, "rank": c.rank} for c in event.candidates],
    }


def _feed_id() -> str:
    principal = current()
    return f"{TAG}feeds/changes/{principal.token_id or principal.role.value}"


def atom(events: list[ChangeEvent], self_url: str) -> bytes:
    """An Atom feed (RFC 4287) of ``events``, given newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _feed_id()
    ET.SubElement(feed, f"{{{ATOM}}}title").text = FEED_TITLE
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = FEED_DESCRIPTION
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = events[0].at if events else stamp(now_utc())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = AUTHOR
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    for event in events:
        zh, en = title(event)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{TAG}{event.id}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{zh} / {en}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = event.at
        kind_zh, kind_en = names(event.kind)
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": event.kind.value, "label": f"{kind_zh} / {kind_en}"})
        ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "text"}).text = _details(event)
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def json_feed(events: list[ChangeEvent], self_url: str, home: str) -> dict[str, object]:
    """A JSON Feed 1.1 of ``events``, given newest first."""
    items = []
    for event in events:
        zh, en = title(event)
        items.append(
            {
                "id": f"{TAG}{event.id}",
                "title": f"{zh} / {en}",
                "content_text": _details(event),
                "date_published": event.at,
                "tags": [event.kind.value],
                "_graph_service": _plain(event),
            }
        )
    return {
        "version": JSON_FEED,
        "title": FEED_TITLE,
        "home_page_url": home,
        "feed_url": self_url,
        "description": FEED_DESCRIPTION,
        "language": "zh-CN",
        "authors": [{"name": AUTHOR}],
        "items": items,
    }


def _refused(exc: GraphServiceError) -> JSONResponse:
    status = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 500)
    return JSONResponse({"error": str(exc), "code": exc.code}, status_code=status)


_HEADERS = {"Cache-Control": "private, no-cache", "Referrer-Policy": "no-referrer"}


async def atom_feed(request: Request) -> Response:
    try:
        events = await run_sync(_events, request)
    except (ForbiddenError, InvalidInputError, LimitExceededError) as exc:
        return _refused(exc)
    body = atom(events, _self_url(request))
    return Response(body, media_type="application/atom+xml; charset=utf-8", headers=_HEADERS)


async def json_changes(request: Request) -> Response:
    try:
        events = await run_sync(_events, request)
    except (ForbiddenError, InvalidInputError, LimitExceededError) as exc:
        return _refused(exc)
    home = str(request.url.replace(path="/", query=""))
    body = json.dumps(json_feed(events, _self_url(request), home), ensure_ascii=False).encode()
    return Response(body, media_type="application/feed+json; charset=utf-8", headers=_HEADERS)


FEED_PATHS = ("/feeds/",)
ROUTES = [Route("/feeds/changes.atom", atom_feed), Route("/feeds/changes.json", json_changes)]
