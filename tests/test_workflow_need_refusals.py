"""A bad technology need is refused, naming each field, and leaves no trace: on the real engines."""

from __future__ import annotations

import pytest

from graph_service.errors import InvalidInputError
from graph_service.services.workflow.audit import audit_log
from graph_service.services.workflow.needs import list_needs, post_need
from graph_service.store import GraphStore
from tests import workflow_graph
from tests.workflow_graph import need_draft

pytestmark = pytest.mark.both_engines


@pytest.fixture(scope="module")
def graph(module_store: GraphStore) -> GraphStore:
    """Built once: no test here may write (each checks that nothing was)."""
    workflow_graph.build(module_store)
    return module_store


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "长" * 2001}, "text"),
        ({"text": "a\u0000b"}, "text"),
        ({"fields": ["field:nope"]}, "fields"),
        ({"fields": ["sci:a"]}, "fields"),  # exists, but not a field
        ({"fields": ["bad uid!"]}, "fields"),
        ({"budget_min": 300, "budget_max": 100}, "budgetMin"),
        ({"budget_min": -1}, "budgetMin"),
        ({"budget_max": float("inf")}, "budgetMax"),
        ({"deadline": "2026/05/01"}, "deadline"),
        ({"deadline": "20260501"}, "deadline"),
        ({"deadline": "2000-01-01"}, "deadline"),
        ({"region": "火星"}, "region"),
        ({"enterprise": "sci:a"}, "enterprise"),
        ({"enterprise": "ent:none"}, "enterprise"),
    ],
)
def test_a_bad_need_is_refused_field_by_field_and_nothing_is_written(
    graph: GraphStore, given: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInputError) as refused:
        post_need(graph, need_draft(**given))
    assert field in {p.field for p in refused.value.problems}
    assert " / " in str(refused.value)
    assert list_needs(graph).items == []
    assert audit_log(graph).items == []


def test_every_problem_is_listed_at_once(graph: GraphStore) -> None:
    with pytest.raises(InvalidInputError) as refused:
        post_need(graph, need_draft(text="", fields=["field:nope"], budget_min=9, budget_max=1, deadline="x"))
    assert {p.field for p in refused.value.problems} == {"text", "fields", "budgetMin", "deadline"}
