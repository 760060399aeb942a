"""The project's error hierarchy. Every class carries a machine code for clients.

    GraphServiceError                  INTERNAL
    ├── NotFoundError                  NOT_FOUND
    ├── InvalidInputError              INVALID_INPUT   (carries FieldProblem list)
    │   └── ImportRejectedError        INVALID_INPUT   (file, row and field of each problem)
    ├── ForbiddenError                 FORBIDDEN
    ├── LimitExceededError             LIMIT_EXCEEDED
    ├── SettingsError                  INVALID_SETTINGS (names the environment variable)
    └── StoreError                     STORE_ERROR
        ├── StoreUnavailableError      STORE_UNAVAILABLE
        ├── DataDirectoryLockedError   STORE_UNAVAILABLE
        └── QueryError                 STORE_ERROR     (the engine rejected a query)

Driver errors are translated into these inside the store adapters; nothing above the
store layer imports ``falkordb`` or ``neo4j``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem with one field of one record, located as precisely as known."""

    field: str
    message: str
    record: str = ""
    file: str = ""
    row: int | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.record:
            where.append(f"record {self.record}")
        if self.field:
            where.append(f"field '{self.field}'")
        return ": ".join([", ".join(where), self.message]) if where else self.message


class GraphServiceError(Exception):
    code = "INTERNAL"


class NotFoundError(GraphServiceError):
    """Nothing answers to what was asked for; ``uid`` names the entity, where one was named."""

    code = "NOT_FOUND"

    def __init__(self, message: str, uid: str | None = None) -> None:
        super().__init__(message)
        self.uid = uid


class InvalidInputError(GraphServiceError):
    code = "INVALID_INPUT"

    def __init__(self, message: str, problems: list[FieldProblem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[FieldProblem] = list(problems or [])

    def report(self, limit: int = 50) -> str:
        """The message followed by one line per problem (at most ``limit``)."""
        lines = [str(self)]
        lines += [f"  - {p}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(
                f"  … and {len(self.problems) - limit} more problems / 另有 {len(self.problems) - limit} 个问题"
            )
        return "\n".join(lines)


class ImportRejectedError(InvalidInputError):
    """An import file set had invalid records; nothing was written."""


class ForbiddenError(GraphServiceError):
    code = "FORBIDDEN"


class LimitExceededError(GraphServiceError):
    code = "LIMIT_EXCEEDED"


class SettingsError(GraphServiceError):
    """A setting's environment variable holds a value the service cannot use; it stops start-up."""

    code = "INVALID_SETTINGS"

    def __init__(self, variable: str, problem: str, problem_zh: str) -> None:
        super().__init__(f"{variable} {problem} / {variable} {problem_zh}")
        self.variable = variable


class StoreError(GraphServiceError):
    code = "STORE_ERROR"


class StoreUnavailableError(StoreError):
    code = "STORE_UNAVAILABLE"


class DataDirectoryLockedError(StoreUnavailableError):
    """Another service process owns the data directory."""


class QueryError(StoreError):
    """The engine rejected a query (syntax, constraint, type)."""


class DuplicateKeyError(QueryError):
    """A write would give two entities one uid; the engine undid the whole query."""
