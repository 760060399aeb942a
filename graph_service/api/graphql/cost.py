"""A query-cost limit: connections cost ``first`` times what they select, as GitHub and Shopify do.

Every field costs 1 plus what it selects; a field taking ``first`` (or ``limit``, or a
planning field's ``size`` or ``count``) costs 1 plus ``first`` times its selection, with
the argument's default when it is not given. A field whose work grows with its arguments
(planning an event scores enterprises times partners) adds what its arguments price it
at; the slices that own such fields hand their prices in (``Prices``).
Fragments are priced once each and spread by lookup, and variables are resolved with
their declared defaults, so neither hides cost nor makes pricing cost what it prices. The
walk runs before validation and also counts the fields an operation expands to, so a
document of fragments that each spread the one below twice is refused in milliseconds.
The cost of each request is reported in ``extensions.cost``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from graphql import (
    DocumentNode,
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
from strawberry.extensions import ValidationCache

from graph_service.api.graphql.rate_limit import Decision, RateLimiter
from graph_service.services.access.principal import acting

# A planning field's list is as long as the team (``size``) or the picks (``count``) asked for.
PAGE_ARGUMENTS = ("first", "limit", "size", "count")
DEFAULT_PAGE = 20
MAX_DEPTH_WALKED = 64
# Fields an operation may expand to, introspection's included (which cost nothing): a
# document of a few hundred bytes whose fragments each spread the one below twice expands
# to millions, and every validation rule would walk them all.
MAX_FIELDS = 10_000
VALIDATIONS_CACHED = 1024
# Fields whose work grows with their arguments rather than with a page, by name: priced by them.
Prices = Mapping[str, Callable[[Mapping[str, Any]], int]]
NO_PRICES: Prices = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Walked:
    """What a selection set expands to: its cost and how many fields it holds."""

    cost: int
    fields: int


class CostWalk:
    """Prices selection sets once per fragment, so a spread costs a lookup, not a re-walk."""

    def __init__(
        self,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        prices: Prices = NO_PRICES,
    ) -> None:
        self.fragments = fragments
        self.variables = variables
        self.prices = prices
        self._done: dict[str, Walked] = {}
        self._open: set[str] = set()  # a fragment that spreads itself is invalid; counted once

    def selection_set(self, selection_set: SelectionSetNode | None, depth: int = 0) -> Walked:
        if selection_set is None or depth > MAX_DEPTH_WALKED:
            return Walked(0, 0)
        cost = fields = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                children = self.selection_set(selection.selection_set, depth + 1)
                fields += 1 + children.fields
                if selection.name.value.startswith("__"):
                    continue
                page = _page_size(selection, self.variables)
                cost += 1 + (page * max(children.cost, 1) if page is not None else children.cost)
                cost += _work(selection, self.variables, self.prices)
            elif isinstance(selection, InlineFragmentNode):
                inner = self.selection_set(selection.selection_set, depth + 1)
                cost, fields = cost + inner.cost, fields + inner.fields
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value, depth)
                cost, fields = cost + inner.cost, fields + inner.fields
        return Walked(cost, fields)

    def fragment(self, name: str, depth: int) -> Walked:
        if name in self._done:
            return self._done[name]
        definition = self.fragments.get(name)
        if definition is None or name in self._open:
            return Walked(0, 0)
        self._open.add(name)
        walked = self.selection_set(definition.selection_set, depth + 1)
        self._open.discard(name)
        self._done[name] = walked
        return walked


def _page_size(field: FieldNode, variables: Mapping[str, Any]) -> int | None:
    for argument in field.arguments or ():
        if argument.name.value in PAGE_ARGUMENTS:
            if isinstance(argument.value, VariableNode):
                value = variables.get(argument.value.name.value)
            else:
                value = value_from_ast_untyped(argument.value, dict(variables))
            return value if isinstance(value, int) and value >= 0 else DEFAULT_PAGE
    return None


def _work(field: FieldNode, variables: Mapping[str, Any], prices: Prices) -> int:
    price = prices.get(field.name.value)
    if price is None:
        return 0
    arguments = {a.name.value: value_from_ast_untyped(a.value, dict(variables)) for a in field.arguments or ()}
    return price(arguments)


def with_defaults(operation: OperationDefinitionNode, variables: Mapping[str, Any]) -> dict[str, Any]:
    """The operation's variables as execution will see them: those sent, else their declared defaults."""
    out = dict(variables)
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in out and definition.default_value is not None:
            out[name] = value_from_ast_untyped(definition.default_value)
    return out


def operation_walk(
    document: DocumentNode, operation_name: str | None, variables: Mapping[str, Any], prices: Prices = NO_PRICES
) -> Walked:
    """The costliest of the document's operations (the named one, where a name is given)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [op for op in operations if op.name and op.name.value == operation_name]
    walks = [
        CostWalk(fragments, with_defaults(op, variables), prices).selection_set(op.selection_set) for op in operations
    ]
    return Walked(max((w.cost for w in walks), default=0), max((w.fields for w in walks), default=0))


class QueryCost(ValidationCache):
    """Prices each operation, then validates it (cached), then takes its cost from the caller's bucket.

    Pricing comes first: a document expanding to too many fields or costing more than
    ``max_cost`` is refused unvalidated, in milliseconds (each validation rule would
    expand every fragment spread), and the refusal is charged to the caller's bucket.
    """

    max_cost = 20_000
    limiter: RateLimiter | None = None
    prices: Prices = NO_PRICES

    def __init__(self) -> None:
        super().__init__(maxsize=VALIDATIONS_CACHED)
        self.cost: int | None = None
        self.decision: Decision | None = None

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is None:
            yield
            return
        walked = operation_walk(document, ctx.operation_name, ctx.variables or {}, self.prices)
        self.cost = walked.cost
        refusal = self._refusal(walked)
        if refusal is not None:
            ctx.pre_execution_errors = [refusal]
            if self.limiter is not None:
                self.decision = self.limiter.take(_caller(ctx.context), self.max_cost, refused=True)
            yield
            return
        # ValidationCache's hook validates (cached) up to its yield. The bucket pays only for a
        # valid document, and before this hook yields: strawberry reads the errors inside the step.
        validating = super().on_validate()
        next(validating)
        if self.limiter is not None and not ctx.pre_execution_errors:
            self._take(self.limiter, walked.cost)
        yield
        next(validating, None)

    def _refusal(self, walked: Walked) -> GraphQLError | None:
        if walked.fields > MAX_FIELDS:
            return GraphQLError(
                f"the query expands to {walked.fields} fields, more than {MAX_FIELDS}; spread fragments less "
                f"/ 查询展开后有 {walked.fields} 个字段，超过上限 {MAX_FIELDS}，请减少片段展开",
                extensions={"code": "LIMIT_EXCEEDED", "fields": walked.fields, "maxFields": MAX_FIELDS},
            )
        if walked.cost > self.max_cost:
            return GraphQLError(
                f"query cost {walked.cost} exceeds the limit {self.max_cost}; ask for smaller pages "
                f"/ 查询代价 {walked.cost} 超过上限 {self.max_cost}，请减小分页",
                extensions={"code": "LIMIT_EXCEEDED", "cost": walked.cost, "maxCost": self.max_cost},
            )
        return None

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


def query_cost_limit(max_cost: int, limiter: RateLimiter | None = None, prices: Prices = NO_PRICES) -> type[QueryCost]:
    """A ``QueryCost`` class with its own limits and prices (classes, not instances: one per request)."""
    return type("QueryCostLimit", (QueryCost,), {"max_cost": max_cost, "limiter": limiter, "prices": prices})
