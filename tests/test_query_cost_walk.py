"""The query-cost walk priced by hand: every rule of ``api/graphql/cost.py`` at its boundary.

No engine is needed: the walk reads only the document, its variables and the prices.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import pytest
from graphql import parse

from graph_service.api.graphql.cost import (
    DEFAULT_PAGE,
    MAX_DEPTH_WALKED,
    MAX_FIELDS,
    QueryCost,
    Walked,
    _caller,
    operation_walk,
    query_cost_limit,
)
from graph_service.services.access.principal import Principal, Role, acting_as, set_acting


def walk(document: str, variables: Mapping[str, Any] | None = None, **kwargs: Any) -> Walked:
    return operation_walk(parse(document), kwargs.pop("operation_name", None), variables or {}, **kwargs)


@pytest.mark.parametrize(
    ("document", "cost", "fields"),
    [
        ("{ a }", 1, 1),
        ("{ a { b c } }", 3, 3),  # 1 + what it selects
        ("{ a(first: 5) { b c } }", 11, 3),  # 1 + first × selection
        ("{ a(limit: 3) { b } }", 4, 2),
        ("{ a(size: 4) { b } }", 5, 2),
        ("{ a(count: 2) { b { c } } }", 5, 3),
        ("{ a(first: 0) { b } }", 1, 2),  # an empty page costs the field only
        ("{ a(first: 5) }", 6, 1),  # a page of leaves costs at least one per item
        ("{ a(first: 5) { __typename } }", 6, 2),  # introspection is free but counted as a field
        ("{ a(first: -1) { b } }", 1 + DEFAULT_PAGE, 2),  # a negative page is priced as the default
        ('{ a(first: "x") { b } }', 1 + DEFAULT_PAGE, 2),
        ("{ a(other: 5) { b } }", 2, 2),  # only page arguments multiply
        ("{ a(first: 2) { b(first: 3) { c } } }", 1 + 2 * (1 + 3), 3),
        ("{ ... on Query { a b } }", 2, 2),
        ("{ __schema { types { name } } }", 0, 3),
    ],
)
def test_a_document_costs_what_the_rules_say(document: str, cost: int, fields: int) -> None:
    assert walk(document) == Walked(cost, fields)


def test_a_page_argument_reads_its_variable_or_the_declared_default() -> None:
    document = "query Q($n: Int = 4) { a(first: $n) { b } }"
    assert walk(document).cost == 5
    assert walk(document, {"n": 9}).cost == 10
    assert walk("query Q($n: Int) { a(first: $n) { b } }").cost == 1 + DEFAULT_PAGE
    assert walk("query Q($n: Int) { a(first: [$n]) { b } }", {"n": 2}).cost == 1 + DEFAULT_PAGE


def test_fragments_cost_each_time_they_are_spread() -> None:
    document = "{ a { ...F } c { ...F } } fragment F on T { x y }"
    assert walk(document) == Walked(6, 6)
    # Spread inside a page, a fragment is multiplied like any selection.
    assert walk("{ a(first: 3) { ...F } } fragment F on T { x y }") == Walked(7, 3)


def test_unknown_and_self_spreading_fragments_add_nothing() -> None:
    assert walk("{ a { ...Missing } }") == Walked(1, 1)
    assert walk("{ a { ...F } } fragment F on T { x ...F }") == Walked(2, 2)


def test_the_walk_stops_below_its_depth_limit() -> None:
    def nested(levels: int) -> str:
        return "{ " + "a { " * levels + "b" + " }" * levels + " }"

    shallow = walk(nested(MAX_DEPTH_WALKED))
    assert shallow == Walked(MAX_DEPTH_WALKED + 1, MAX_DEPTH_WALKED + 1)
    deep = walk(nested(MAX_DEPTH_WALKED + 5))
    assert deep.fields == MAX_DEPTH_WALKED + 1  # the deepest levels are not walked


def test_priced_fields_add_what_their_arguments_price_them_at() -> None:
    seen: list[Mapping[str, Any]] = []

    def price(arguments: Mapping[str, Any]) -> int:
        seen.append(arguments)
        return 10 * int(arguments.get("rounds", 1))

    prices = {"plan": price}
    assert walk("{ plan(rounds: 3) { x } }", prices=prices).cost == 2 + 30
    assert walk("query Q($r: Int = 2) { plan(rounds: $r) { x } }", prices=prices).cost == 2 + 20
    assert walk("{ other(rounds: 3) { x } }", prices=prices).cost == 2
    assert seen == [{"rounds": 3}, {"rounds": 2}]


def test_the_costliest_operation_is_priced_or_the_named_one() -> None:
    document = "query Small { a } query Big { a(first: 9) { b } }"
    assert walk(document) == Walked(10, 2)
    assert walk(document, operation_name="Small") == Walked(1, 1)
    assert walk(document, operation_name="Nothing") == Walked(0, 0)


def refusal(cost: int, fields: int, max_cost: int = 100) -> Any:
    limit = query_cost_limit(max_cost)()
    return limit._refusal(Walked(cost, fields))


def test_a_document_at_the_limits_passes_and_one_over_is_refused() -> None:
    assert refusal(100, MAX_FIELDS) is None
    over_cost = refusal(101, 1)
    assert over_cost.extensions == {"code": "LIMIT_EXCEEDED", "cost": 101, "maxCost": 100}
    assert "query cost 101 exceeds the limit 100" in over_cost.message
    assert "查询代价 101 超过上限 100" in over_cost.message
    over_fields = refusal(1, MAX_FIELDS + 1)
    assert over_fields.extensions == {"code": "LIMIT_EXCEEDED", "fields": MAX_FIELDS + 1, "maxFields": MAX_FIELDS}
    assert f"expands to {MAX_FIELDS + 1} fields, more than {MAX_FIELDS}" in over_fields.message
    assert "超过上限" in over_fields.message
    # Too many fields is named first, whatever the cost.
    assert refusal(10**6, MAX_FIELDS + 1).extensions["code"] == "LIMIT_EXCEEDED"
    assert "fields" in refusal(10**6, MAX_FIELDS + 1).extensions


def anonymous_caller(context: Any) -> str:
    """``_caller`` in a context where nobody acts (the test session acts as the local operator)."""

    def run() -> str:
        set_acting(None)
        return _caller(context)

    return contextvars.copy_context().run(run)


def test_the_bucket_is_the_tokens_else_the_client_address() -> None:
    request = SimpleNamespace(request=SimpleNamespace(client=SimpleNamespace(host="10.0.0.7")))
    assert anonymous_caller(request) == "address:10.0.0.7"
    assert anonymous_caller(SimpleNamespace()) == "address:unknown"
    assert anonymous_caller(SimpleNamespace(request=SimpleNamespace(client=None))) == "address:unknown"
    with acting_as(Principal(Role.ANALYST, token_id="t-1")):
        assert _caller(request) == "token:t-1"
    with acting_as(Principal(Role.ANALYST)):
        assert _caller(request) == "address:10.0.0.7"  # a principal without a token is not a bucket


def test_each_limit_class_carries_its_own_settings() -> None:
    first, second = query_cost_limit(5), query_cost_limit(7, prices={"plan": lambda _: 1})
    assert issubclass(first, QueryCost)
    assert (first.max_cost, second.max_cost, dict(first.prices), list(second.prices)) == (5, 7, {}, ["plan"])
    assert QueryCost.max_cost == 20_000
