"""Translate Neo4j driver errors into the project's hierarchy, most specific first."""

from __future__ import annotations

from neo4j import exceptions as neo

from graph_service.errors import DuplicateKeyError, GraphServiceError, QueryError, StoreError, StoreUnavailableError


def translate(exc: Exception) -> GraphServiceError:
    """The project error for a driver error; the caller raises it ``from`` the original."""
    if isinstance(exc, neo.AuthError):
        return StoreUnavailableError("Neo4j refused the credentials / Neo4j 认证失败")
    if isinstance(exc, neo.ServiceUnavailable | neo.SessionExpired | neo.DatabaseUnavailable):
        return StoreUnavailableError("the graph database is unavailable / 图数据库暂不可用")
    if isinstance(exc, neo.ConstraintError):
        # The only uniqueness constraint is the entity uid's (cypher/neo4j/schema.cypher).
        if "already exists" in (exc.message or ""):
            return DuplicateKeyError(f"constraint violated: {exc.message}")
        return QueryError(f"constraint violated: {exc.message}")
    if isinstance(exc, neo.CypherSyntaxError | neo.CypherTypeError):
        return QueryError(f"query rejected: {exc.message}")
    if isinstance(exc, neo.TransientError):
        return StoreUnavailableError("the graph database is busy; try again / 图数据库繁忙")
    if isinstance(exc, neo.Neo4jError):
        return QueryError(exc.message or str(exc))
    if isinstance(exc, neo.DriverError):
        return StoreError(str(exc))
    return StoreError(str(exc))
