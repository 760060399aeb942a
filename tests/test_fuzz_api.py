"""Property-based fuzz of the GraphQL API, generated from its own schema (hypothesis-graphql).

Queries and mutations, valid and with one schema violation each, are posted to the app on a
small seeded graph of their own: no answer may be a 5xx, every error must carry a documented
code, and no internal detail (stack trace, path, engine message) may reach the client.
"""

from __future__ import annotations

from pathlib import Path

import hypothesis_graphql
from graphql import NameNode, ObjectFieldNode, ValueNode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes

from graph_service.api.schema import schema as app_schema
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem
from tests.test_hostile_input import DOCUMENTED_CODES, LEAKS, make_client

SCHEMA = app_schema.as_str()


def _field(name: str, value: ValueNode) -> ObjectFieldNode:
    return ObjectFieldNode(name=NameNode(value=name), value=value)


# JSON arguments (entity and relationship properties): objects of text, numbers and lists of text.
JSON_LEAVES: st.SearchStrategy[ValueNode] = st.one_of(
    st.text(max_size=20).map(nodes.String),
    st.integers(-(2**40), 2**40).map(nodes.Int),
    st.lists(st.text(max_size=5).map(nodes.String), max_size=3).map(lambda values: nodes.List(list[ValueNode](values))),
)
JSON_VALUES = st.dictionaries(
    st.sampled_from(["name", "region", "title", "since", "aliases", "round", "x`) DELETE n //"]),
    JSON_LEAVES,
    max_size=3,
).map(lambda d: nodes.Object([_field(k, v) for k, v in d.items()]))
SCALARS = {"JSON": JSON_VALUES}
OPERATIONS = st.one_of(
    hypothesis_graphql.queries(SCHEMA, custom_scalars=SCALARS),
    hypothesis_graphql.mutations(SCHEMA, custom_scalars=SCALARS),
    hypothesis_graphql.queries(SCHEMA, custom_scalars=SCALARS, mode=hypothesis_graphql.Mode.NEGATIVE),
    hypothesis_graphql.mutations(SCHEMA, custom_scalars=SCALARS, mode=hypothesis_graphql.Mode.NEGATIVE),
)


def test_fuzz_the_api_from_its_schema(store: EmbeddedStore, tmp_path: Path) -> None:
    ecosystem.build(store)  # a throwaway graph of this test's own: mutations may change it
    with make_client(store, tmp_path / "tokens.json") as client:

        @settings(
            max_examples=800,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(OPERATIONS)
        def check(query: str) -> None:
            response = client.post("/graphql", json={"query": query})
            assert response.status_code < 500, (query, response.text[:500])
            assert not LEAKS.search(response.text), (query, response.text[:2000])
            body = response.json()
            for error in body.get("errors") or []:
                assert error.get("extensions", {}).get("code") in DOCUMENTED_CODES, (query, error)

        check()
