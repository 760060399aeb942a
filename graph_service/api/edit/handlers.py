"""The services' expected errors as the edits' result types, in one place.

strawberry gives a raised exception to the handler of its class whenever the field's
result union holds the handler's type: a mutation raises as the services do, and never
catches ``InvalidInputError`` or ``NotFoundError`` itself. Other errors (forbidden, engine
down) stay GraphQL errors with their codes.
"""

from __future__ import annotations

import strawberry
from strawberry.types import Info
from strawberry.types.field import StrawberryField

from graph_service.api.edit.types import InvalidInput, NotFound
from graph_service.errors import InvalidInputError, NotFoundError


class InvalidInputHandler(strawberry.ExceptionHandler[InvalidInputError, InvalidInput]):
    """A rejected input as ``InvalidInput``, its problems field by field."""

    def handle(self, exception: InvalidInputError, *, field: StrawberryField, info: Info) -> InvalidInput:
        return InvalidInput.from_error(exception)


class NotFoundHandler(strawberry.ExceptionHandler[NotFoundError, NotFound]):
    """A missing target as ``NotFound`` with its uid; one naming no uid stays a GraphQL error."""

    def handle(self, exception: NotFoundError, *, field: StrawberryField, info: Info) -> NotFound | None:
        if exception.uid is None:
            return None  # declined: strawberry re-raises it
        return NotFound(code=exception.code, message=str(exception), uid=exception.uid)


EXCEPTION_HANDLERS = (InvalidInputHandler(), NotFoundHandler())
