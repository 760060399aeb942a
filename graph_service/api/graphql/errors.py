"""Give every GraphQL error a machine code; mask the unexpected ones.

Expected failures (our ``GraphServiceError`` hierarchy, GraphQL syntax and validation
errors, limit errors) keep their readable message and get ``extensions.code``. Anything
else is logged with the request id and reaches the client only as a generic message
carrying that id, never a stack trace or an engine message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension

from graph_service.api.http.request_log import request_id_of
from graph_service.errors import GraphServiceError, StoreError, StoreUnavailableError

log = logging.getLogger("graph_service.api")

INTERNAL_MESSAGE = "Internal error; quote request id {request_id} / 服务内部错误，请提供请求编号 {request_id}"
STORE_MESSAGE = "The graph database is unavailable; try again / 图数据库暂不可用，请稍后再试"


def classify(error: GraphQLError, request_id: str) -> GraphQLError:
    """The error as the client should see it."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    if original is None:
        # Parse, validation and limit errors raised as GraphQLError: readable as they are.
        extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
        message = error.message
    elif isinstance(original, GraphQLError):
        extensions = {**dict(original.extensions or {}), **extensions}
        extensions.setdefault("code", "INVALID_INPUT")
        message = error.message
    elif isinstance(original, StoreUnavailableError):
        log.warning("request %s: %s", request_id, original)
        extensions["code"] = original.code
        message = STORE_MESSAGE
    elif isinstance(original, GraphServiceError) and not isinstance(original, StoreError):
        extensions["code"] = original.code
        message = str(original)
        problems = getattr(original, "problems", None)
        if problems:
            extensions["problems"] = [{"field": p.field, "message": p.message} for p in problems]
    else:
        # Engine rejections and bugs alike: their messages are not for clients.
        log.error("request %s failed", request_id, exc_info=original)
        extensions["code"] = "INTERNAL"
        message = INTERNAL_MESSAGE.format(request_id=request_id)
    extensions["requestId"] = request_id
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


class ErrorCodes(SchemaExtension):
    """Rewrites the errors of each result as ``classify`` says."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None) if result is not None else None
        if result is None or not errors:
            return
        request_id = request_id_of(self.execution_context.context)
        result.errors = [classify(error, request_id) for error in errors]
