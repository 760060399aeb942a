"""The API on the demo ecosystem (seed records plus a synthetic population), as users meet it, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.graphql.examples import EXAMPLES
from graph_service.services.seed import load_demo
from graph_service.services.stats import region_names
from graph_service.store import GraphStore
from tests.api_client import api_client
from tests.raw_cypher import read_raw

pytestmark = pytest.mark.both_engines


@pytest.fixture(scope="module")
def client(module_store: GraphStore) -> Iterator[TestClient]:
    load_demo(module_store, synthetic_size=3000)
    with api_client(store=module_store) as test_client:
        yield test_client


def gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in body, body.get("errors")
    data: dict[str, Any] = body["data"]
    return data


@pytest.mark.parametrize(
    ("text", "name"), [("高新", "成都高新区"), ("天府", "天府青百会"), ("伙伴", "科创生态伙伴计划")]
)
def test_chinese_search_finds_seed_organisations(client: TestClient, text: str, name: str) -> None:
    hits = gql(client, "query($t: String!) { search(text: $t, first: 10) { entity { name synthetic } } }", t=text)[
        "search"
    ]
    names = [hit["entity"]["name"] for hit in hits]
    assert name in names
    # Real records rank above synthetic ones that match as well.
    assert not hits[0]["entity"]["synthetic"]


def test_warm_introduction_between_two_seed_organisations(client: TestClient) -> None:
    paths = gql(
        client,
        """{ paths(from: "society:tianfu-qingbai", to: "agency:haizhi-center", maxHops: 4, first: 3) {
             length nodes { uid name } edges { type } } }""",
    )["paths"]
    assert paths[0]["length"] == 2
    assert paths[0]["nodes"][1]["uid"] == "programme:kechuang-partner"
    assert [e["type"] for e in paths[0]["edges"]] == ["PARTNER_OF", "PARTNER_OF"]


def test_every_graphiql_example_runs(client: TestClient) -> None:
    fields = set()
    for example in EXAMPLES:
        data = gql(client, example.query, **example.variables)
        assert all(value is not None for value in data.values()), example.title
        # An example that answers nothing shows a user nothing.
        assert all(value != [] for value in data.values()), example.title
        fields |= set(data)
    assert fields >= {
        "recommendPartners",
        "recommendTeam",
        "chainGaps",
        "closeGaps",
        "transferChains",
        "ecosystemReport",
        "paths",
        "search",
    }, "an example for every use case"
    created = gql(client, '{ entity(uid: "ent:example") { name } }')
    assert created["entity"] == {"name": "示例科技有限公司"}


def test_region_overview_counts_what_managers_report(client: TestClient, module_store: GraphStore) -> None:
    data = gql(
        client,
        """{ regionOverview { region workstations partnerUnits societies5a enterpriseAssociations enterprises
             chainLeaders specialised transfersByYear { year transfers } chains { chain segments covered gaps } } }""",
    )["regionOverview"]
    assert [r["region"] for r in data] == ["成都市", "重庆市"], "成都市 and 重庆市 side by side by default"
    chengdu = data[0]
    regions = region_names(module_store, "成都市")
    [direct] = read_raw(
        module_store,
        "MATCH (e:Enterprise) WHERE e.region IN $r RETURN count(e) AS n, "
        "sum(CASE WHEN e.chain_leader = true THEN 1 ELSE 0 END) AS leaders",
        {"r": regions},
    )
    assert (chengdu["enterprises"], chengdu["chainLeaders"]) == (direct["n"], direct["leaders"])
    [moved] = read_raw(
        module_store,
        "MATCH (:Achievement)-[t:TRANSFERRED_TO]->(e:Enterprise) WHERE e.region IN $r RETURN count(t) AS n",
        {"r": regions},
    )
    assert sum(y["transfers"] for y in chengdu["transfersByYear"]) == moved["n"]
    assert chengdu["workstations"] > 0
    assert chengdu["partnerUnits"] > 0
    assert {c["chain"] for c in chengdu["chains"]} >= {"chain:ic"}
    assert all(0 <= c["covered"] <= c["segments"] for c in chengdu["chains"])
    by_alias = gql(client, '{ regionOverview(regions: ["Chongqing"]) { region enterprises } }')["regionOverview"]
    assert by_alias == [{"region": "重庆市", "enterprises": data[1]["enterprises"]}]
