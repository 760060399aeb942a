"""A query-cost limit: connections cost ``first`` times what they select, as GitHub and Shopify do.

Every field costs 1 plus what it selects; a field taking ``first`` (or ``limit``) costs 1
plus ``first`` times its selection, with the argument's default when it is not given.
Fragments are expanded and variables resolved, so neither hides cost. The cost of each
request is reported in ``extensions.cost``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    value_from_ast_untyped,
)
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension

from graph_service.api.rate_limit import Decision, RateLimiter
from graph_service.services.access.principal import acting

PAGE_ARGUMENTS = ("first", "limit")
DEFAULT_PAGE = 20
MAX_DEPTH_WALKED = 64


def _page_size(field: FieldNode, variables: Mapping[str, Any]) -> int | None:
    for argument in field.arguments or ():
        if argument.name.value in PAGE_ARGUMENTS:
            if isinstance(argument.value, VariableNode):
                value = variables.get(argument.value.name.value)
            else:
                value = value_from_ast_untyped(argument.value, dict(variables))
            return value if isinstance(value, int) and value >= 0 else DEFAULT_PAGE
    return None


def selection_cost(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    depth: int = 0,
) -> int:
    """The cost of a selection set (see the module docstring)."""
    if selection_set is None or depth > MAX_DEPTH_WALKED:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            children = selection_cost(selection.selection_set, fragments, variables, depth + 1)
            page = _page_size(selection, variables)
            total += 1 + (page * max(children, 1) if page is not None else children)
        elif isinstance(selection, InlineFragmentNode):
            total += selection_cost(selection.selection_set, fragments, variables, depth + 1)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                total += selection_cost(fragment.selection_set, fragments, variables, depth + 1)
    return total


class QueryCost(SchemaExtension):
    """Rejects operations costing more than ``max_cost``, or more than the caller has left, before they run."""

    max_cost = 20_000
    limiter: RateLimiter | None = None

    def __init__(self) -> None:
        self.cost: int | None = None
        self.decision: Decision | None = None

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None:
            fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if ctx.operation_name:
                operations = [op for op in operations if op.name and op.name.value == ctx.operation_name]
            variables = ctx.variables or {}
            self.cost = max((selection_cost(op.selection_set, fragments, variables) for op in operations), default=0)
            if self.cost > self.max_cost and not ctx.pre_execution_errors:
                ctx.pre_execution_errors = [
                    GraphQLError(
                        f"query cost {self.cost} exceeds the limit {self.max_cost}; ask for smaller pages "
                        f"/ 查询代价 {self.cost} 超过上限 {self.max_cost}，请减小分页",
                        extensions={"code": "LIMIT_EXCEEDED", "cost": self.cost, "maxCost": self.max_cost},
                    )
                ]
            if self.limiter is not None and not ctx.pre_execution_errors:
                self._take(self.limiter, self.cost)
        yield

    def _take(self, limiter: RateLimiter, cost: int) -> None:
        self.decision = limiter.take(_caller(self.execution_context.context), cost)
        if not self.decision.allowed:
            wait = self.decision.retry_after
            self.execution_context.pre_execution_errors = [
                GraphQLError(
                    f"rate limit: this query costs {cost}, {self.decision.remaining} left; retry in {wait} s "
                    f"/ 超出调用频率：本次代价 {cost}，剩余 {self.decision.remaining}，请 {wait} 秒后重试",
                    extensions={"code": "LIMIT_EXCEEDED", "cost": cost, "retryAfterSeconds": wait},
                )
            ]

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        results: dict[str, Any] = {"cost": {"requested": self.cost, "limit": self.max_cost}}
        if self.decision is not None and self.limiter is not None:
            results["rateLimit"] = {
                "remaining": self.decision.remaining,
                "capacity": self.limiter.capacity,
                "refillPerSecond": self.limiter.refill,
            }
        return results


def _caller(context: Any) -> str:
    """Whose bucket pays: the token's, or the client address's when anonymous."""
    principal = acting()  # set for this request by the authentication middleware
    if principal is not None and principal.token_id:
        return f"token:{principal.token_id}"
    client = getattr(getattr(context, "request", None), "client", None)
    return f"address:{getattr(client, 'host', 'unknown')}"


def query_cost_limit(max_cost: int, limiter: RateLimiter | None = None) -> type[QueryCost]:
    """A ``QueryCost`` class with its own limits (classes, not instances: one per request)."""
    return type("QueryCostLimit", (QueryCost,), {"max_cost": max_cost, "limiter": limiter})
