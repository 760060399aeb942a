"""GraphQL over HTTP: error responses in JSON, and the ``application/graphql-response+json`` rules.

Every refusal of a request — malformed JSON, a batch, a wrong content type, a mutation
over GET, a malformed parameter — answers with a GraphQL error body (``errors[]`` with
``extensions.code`` and ``extensions.requestId``), in Chinese and English, never plain
text. A client that accepts ``application/graphql-response+json`` gets that media type,
and a request error (one refused before execution: unparsable, invalid, variables that
do not coerce) gets status 400 and no ``data`` entry, as the spec says; one accepting
only ``application/json`` keeps status 200 with ``data: null``, as before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope, Send

from graph_service.api.http.request_log import request_id_of

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

# strawberry's reasons, with their Chinese.
_CHINESE = {
    "Unable to parse request body as JSON": "请求体不是有效的 JSON",
    "Batching is not enabled": "不支持批量请求，请每次发送一个操作",
    "Unsupported content type": "不支持的内容类型，请使用 application/json",
    "mutations are not allowed when using GET": "GET 请求不能执行变更，请使用 POST",
    "GraphQL only supports GET and POST requests.": "仅支持 GET 与 POST 请求",
    "No GraphQL query found in the request": "请求中没有 GraphQL 查询",
    "The GraphQL operation's `variables` must be an object or null, if provided.": "variables 须为对象或 null",
    "Not Found": "未找到",
}
_CODES = {400: "BAD_REQUEST", 405: "METHOD_NOT_ALLOWED", 413: "LIMIT_EXCEEDED", 415: "BAD_REQUEST"}
# The request parameters and the JSON types they may have (null is always allowed).
_PARAMETERS: dict[str, type] = {"query": str, "operationName": str, "variables": dict, "extensions": dict}


# Reasons that name a value, by how they begin.
_CHINESE_PREFIXES = {"Unknown operation named": "文档中没有 operationName 所指的操作"}


def bilingual(reason: str) -> str:
    """``reason`` with its Chinese, unless it carries both already."""
    if " / " in reason:
        return reason
    chinese = _CHINESE.get(reason) or next((zh for en, zh in _CHINESE_PREFIXES.items() if reason.startswith(en)), None)
    return f"{reason} / {chinese or '请求无效'}"


def wants_graphql_response(request: Request) -> bool:
    """Whether the client prefers ``application/graphql-response+json`` (listed, and before ``application/json``)."""
    media = [part.split(";")[0].strip().lower() for part in request.headers.get("accept", "").split(",")]
    if GRAPHQL_RESPONSE not in media:
        return False
    return JSON not in media or media.index(GRAPHQL_RESPONSE) < media.index(JSON)


def media_type(request: Request) -> str:
    return GRAPHQL_RESPONSE if wants_graphql_response(request) else JSON


def error_response(request: Request, status: int, reason: str, request_id: str) -> Response:
    """A refused request as a GraphQL error body."""
    body = {
        "errors": [
            {
                "message": bilingual(reason),
                "extensions": {"code": _CODES.get(status, "BAD_REQUEST"), "requestId": request_id},
            }
        ]
    }
    headers = {"Allow": "POST" if "GET" in reason else "GET, POST"} if status == 405 else None
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status,
        media_type=f"{media_type(request)}; charset=utf-8",
        headers=headers,
    )


def parameter_problem(params: Mapping[str, Any]) -> str | None:
    """What is wrong with a request's parameters (their JSON types), or None."""
    for name, expected in _PARAMETERS.items():
        value = params.get(name)
        if value is not None and not isinstance(value, expected):
            kind = "a string" if expected is str else "an object"
            zh = "字符串" if expected is str else "对象"
            return f"'{name}' must be {kind} or null / 参数 {name} 须为{zh}或 null"
    return None


def is_request_error(errors: list[Any] | None, has_data: bool) -> bool:
    """Errors raised before execution began: they carry no path, and there is no data."""
    return bool(errors) and not has_data and all(not getattr(e, "path", None) for e in errors or [])


class _State:
    """A scope's state dict read as the attributes a request's state has."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.request_id = values.get("request_id")


async def send_error(
    send: Send,
    status: int,
    message: str,
    code: str,
    *,
    extensions: dict[str, Any] | None = None,
    headers: tuple[tuple[bytes, bytes], ...] = (),
    scope: Scope | None = None,
) -> None:
    """A GraphQL-shaped error answered by a middleware, before any resolver runs.

    With ``scope``, the error carries the request id the request log gave it.
    """
    error: dict[str, Any] = {"message": message, "extensions": {"code": code, **(extensions or {})}}
    if scope is not None:
        error["extensions"]["requestId"] = request_id_of(_State(scope.get("state", {})))
    body = json.dumps({"errors": [error]}, ensure_ascii=False).encode()
    start = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": start})
    await send({"type": "http.response.body", "body": body})
