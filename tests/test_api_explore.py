"""Exploring over HTTP on the real engine: lookups, connections, search, neighbourhoods, paths, stats."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore
from tests import ecosystem
from tests.api_client import api_client

pytestmark = pytest.mark.both_engines


@pytest.fixture(scope="module")
def built(module_store: GraphStore) -> GraphStore:
    """The small ecosystem, built once: every test reads it, one adds a buyer no other test sees."""
    ecosystem.build(module_store)
    return module_store


@pytest.fixture
def client(built: GraphStore) -> Iterator[TestClient]:
    with api_client(store=built) as test_client:  # an app per test: no answer cached by another
        yield test_client


def gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    body: dict[str, Any] = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in body, body.get("errors")
    data: dict[str, Any] = body["data"]
    return data


def test_relationship_connections_carry_edge_properties(client: TestClient) -> None:
    data = gql(
        client,
        """{ entity(uid: "soc:elec") { name ... on Society { rating
             members(first: 1) { totalCount pageInfo { hasNextPage endCursor }
               edges { properties relation outgoing node { uid kind } } } } } }""",
    )
    members = data["entity"]["members"]
    assert data["entity"]["rating"] == "5A"
    assert members["totalCount"] == 2
    assert members["pageInfo"]["hasNextPage"] is True
    assert members["edges"] == [
        {
            "properties": {"since": 2019},
            "relation": "MEMBER_OF",
            "outgoing": False,
            "node": {"uid": "sci:a", "kind": "SCIENTIST"},
        }
    ]
    after = members["pageInfo"]["endCursor"]
    rest = gql(
        client,
        """query($after: String) { entity(uid: "soc:elec") { ... on Society {
             members(first: 5, after: $after) { edges { node { uid } } } } } }""",
        after=after,
    )
    assert [e["node"]["uid"] for e in rest["entity"]["members"]["edges"]] == ["sci:b"]


def test_personal_contact_fields_are_not_in_the_public_schema(client: TestClient) -> None:
    body = client.post("/graphql", json={"query": '{ entity(uid: "sci:a") { ... on Scientist { email } } }'}).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_a_page_of_entities_with_relationships_costs_a_bounded_number_of_round_trips(
    client: TestClient, module_store: GraphStore
) -> None:
    query = """query($n: Int!) { entities(kind: SCIENTIST, first: $n) { edges { node { uid
        ... on Scientist { societies(first: 5) { totalCount edges { node { name } } }
                           affiliations(first: 5) { edges { node { name } } } } } } } }"""
    trips = []
    for n in (1, 2, 3):
        before = module_store.round_trips
        data = gql(client, query, n=n)
        assert len(data["entities"]["edges"]) == n
        trips.append(module_store.round_trips - before)
    # The entities page (its totalCount is not asked for), societies pages + counts,
    # affiliations pages: the same for 1, 2 or 3 parents.
    assert trips == [4, 4, 4]


@pytest.mark.parametrize(
    ("selection", "trips"),
    [
        ("edges { node { uid } }", 1),  # no totalCount: the page alone
        ("totalCount edges { node { uid } }", 2),
        ("...Counted edges { node { uid } }", 2),  # asked for through a fragment
        ("... on EntityConnection { totalCount } edges { node { uid } }", 2),
    ],
)
def test_entities_are_counted_only_when_total_count_is_asked_for(
    client: TestClient, module_store: GraphStore, selection: str, trips: int
) -> None:
    query = f"""{{ entities(kind: SCIENTIST, first: 1) {{ {selection} }} }}
        fragment Counted on EntityConnection {{ totalCount }}"""
    if "Counted" not in selection:
        query = query.split("fragment")[0]
    before = module_store.round_trips
    data = gql(client, query)
    assert module_store.round_trips - before == trips
    assert len(data["entities"]["edges"]) == 1
    assert data["entities"].get("totalCount", 3) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [("高新", "park:gaoxin"), ("天府", "soc:tianfu"), ("高新技术", "park:gaoxin"), ("Hi-tech", "park:gaoxin")],
)
def test_search_finds_names_aliases_and_english_from_fragments(client: TestClient, text: str, expected: str) -> None:
    data = gql(client, "query($t: String!) { search(text: $t, first: 3) { entity { uid } score } }", t=text)
    assert expected in [hit["entity"]["uid"] for hit in data["search"]]


def test_search_ranks_and_filters_by_kind(client: TestClient) -> None:
    data = gql(client, '{ search(text: "天府", kinds: [ENTERPRISE]) { entity { uid kind } } }')
    assert [hit["entity"]["uid"] for hit in data["search"]] == ["ent:y"]
    both = gql(client, '{ search(text: "天府") { entity { uid } } }')
    # The exact-prefix society ranks above the enterprise whose name merely contains the term.
    assert [hit["entity"]["uid"] for hit in both["search"]] == ["soc:tianfu", "ent:y"]


def test_three_hop_neighbourhood(client: TestClient) -> None:
    data = gql(
        client,
        """{ neighborhood(uid: "sci:a", depth: 3, relTypes: [MEMBER_OF, COLLABORATED_WITH, AFFILIATED_WITH]) {
             truncated nodes { uid depth } edges { source target type } } }""",
    )
    depths = {n["uid"]: n["depth"] for n in data["neighborhood"]["nodes"]}
    assert depths == {"sci:a": 0, "soc:elec": 1, "inst:u": 1, "sci:b": 2, "sci:c": 3}
    edge_types = {(e["source"], e["type"], e["target"]) for e in data["neighborhood"]["edges"]}
    assert ("sci:b", "COLLABORATED_WITH", "sci:c") in edge_types
    assert data["neighborhood"]["truncated"] is False


def test_neighbourhood_limit_truncates(client: TestClient) -> None:
    data = gql(client, '{ neighborhood(uid: "sci:a", depth: 3, limit: 2) { truncated nodes { uid } } }')
    assert data["neighborhood"]["truncated"] is True
    assert len(data["neighborhood"]["nodes"]) == 2


def test_warm_introduction_paths_shortest_first(client: TestClient) -> None:
    data = gql(
        client,
        """{ paths(from: "sci:a", to: "inv:v", maxHops: 6, first: 3) {
             length nodes { uid } edges { source target type properties } } }""",
    )
    paths = data["paths"]
    assert paths, "a path exists"
    assert [n["uid"] for n in paths[0]["nodes"]] == ["sci:a", "soc:elec", "sci:b", "sci:c", "ent:x", "inv:v"]
    assert paths[0]["length"] == 5
    assert paths[0]["edges"][-1]["properties"]["round"] == "A"
    assert all(p["length"] >= paths[0]["length"] for p in paths)


def test_paths_do_not_pass_through_fields_or_regions(client: TestClient) -> None:
    # sci:a and ent:y share only a field: no warm introduction.
    assert gql(client, '{ paths(from: "sci:a", to: "ent:y", maxHops: 2) { length } }')["paths"] == []
    via_field = gql(client, '{ paths(from: "sci:a", to: "ent:y", maxHops: 2, relTypes: [IN_FIELD]) { length } }')
    assert via_field["paths"] == [], "fields are never passed through, even when asked for"


def test_stats_by_region_include_subregions(client: TestClient) -> None:
    data = gql(client, '{ stats(region: "成都市") { entities byKind { key total } byRegion { key total } } }')
    by_kind = {c["key"]: c["total"] for c in data["stats"]["byKind"]}
    assert by_kind["Scientist"] == 3
    assert by_kind["Enterprise"] == 2
    assert {c["key"] for c in data["stats"]["byRegion"]} == {"成都市", "高新区"}


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ('{ neighborhood(uid: "sci:a", depth: 4) { truncated } }', "LIMIT_EXCEEDED"),
        ('{ neighborhood(uid: "nope") { truncated } }', "NOT_FOUND"),
        ('{ paths(from: "sci:a", to: "inv:v", maxHops: 7) { length } }', "LIMIT_EXCEEDED"),
        ('{ search(text: "高") { score } }', "INVALID_INPUT"),
        ('{ stats(region: "火星") { entities } }', "NOT_FOUND"),
    ],
)
def test_bad_arguments_get_coded_errors(client: TestClient, query: str, code: str) -> None:
    body = client.post("/graphql", json={"query": query}).json()
    assert body["errors"][0]["extensions"]["code"] == code


def test_entities_filtered_by_region_field_and_flags_in_name_order(client: TestClient) -> None:
    query = """query($where: EntityWhere, $order: EntityOrder!, $after: String) {
      entities(kind: SCIENTIST, where: $where, orderBy: $order, first: 1, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { uid name } } } }"""
    in_chengdu = gql(client, query, where={"region": "成都市"}, order="NAME")["entities"]
    assert in_chengdu["totalCount"] == 3, "高新区 lies within 成都市"
    names = []
    after = None
    while True:
        page = gql(client, query, where={"region": "成都市"}, order="NAME", after=after)["entities"]
        names += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert names == sorted(names)
    assert len(names) == 3
    academicians = gql(client, query, where={"flags": ["isAcademician"]}, order="UID")["entities"]
    assert [e["node"]["uid"] for e in academicians["edges"]] == ["sci:a"]
    in_field = gql(
        client,
        '{ entities(kind: ENTERPRISE, where: {field: "field:semi"}) { totalCount edges { node { uid } } } }',
    )["entities"]
    assert [e["node"]["uid"] for e in in_field["edges"]] == ["ent:y"]
    text = gql(client, '{ entities(kind: ENTERPRISE, where: {text: "储能"}) { edges { node { uid } } } }')
    assert [e["node"]["uid"] for e in text["entities"]["edges"]] == ["ent:y"]


def test_unknown_flag_is_rejected_with_the_known_ones(client: TestClient) -> None:
    body = client.post(
        "/graphql", json={"query": '{ entities(kind: ENTERPRISE, where: {flags: ["shiny"]}) { totalCount } }'}
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "specialised" in body["errors"][0]["message"]


def test_needs_finds_enterprises_that_need_a_field_and_field_stays_works_in(
    client: TestClient, module_store: GraphStore
) -> None:
    write_entities(
        module_store, [EntityRecord(EntityKind.ENTERPRISE, "ent:buyer", {"uid": "ent:buyer", "name": "求芯企业"})]
    )
    write_relations(module_store, [RelationRecord(RelationType.NEEDS, "ent:buyer", "field:semi", {"priority": 8})])
    query = "query($w: EntityWhere) { entities(kind: ENTERPRISE, where: $w) { totalCount edges { node { uid } } } }"
    works = gql(client, query, w={"field": "field:semi"})["entities"]
    assert [e["node"]["uid"] for e in works["edges"]] == ["ent:y"], "a need is not working in the field"
    needs = gql(client, query, w={"needs": "field:semi"})["entities"]
    assert (needs["totalCount"], [e["node"]["uid"] for e in needs["edges"]]) == (1, ["ent:buyer"])
    both = gql(client, query, w={"needs": "field:semi", "field": "field:semi"})["entities"]
    assert both["totalCount"] == 0
