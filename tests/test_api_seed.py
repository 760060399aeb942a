"""The API on the demo ecosystem (seed records plus a synthetic population), as users meet it, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_service.api.graphql.examples import EXAMPLES
from graph_service.ontology import EntityKind
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


def _all_pages(store: GraphStore, query: str, kind: EntityKind, params: dict[str, Any]) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    after = ("", "")
    while True:
        page = store.read(
            query,
            {**params, "kind": kind.value, "after_key": after[0], "after_uid": after[1], "limit": 97},
            slots={"kind": kind},
        )
        rows += [(row["entity"]["uid"], row["key"]) for row in page]
        if len(page) < 97:
            return rows
        after = (str(page[-1]["key"] or ""), page[-1]["entity"]["uid"])


@pytest.mark.usefixtures("client")  # the demo loaded
@pytest.mark.parametrize("order", ["uid", "name", "updated"])
def test_a_region_page_from_the_index_is_the_page_of_the_kind_scan(module_store: GraphStore, order: str) -> None:
    """entities_in_regions answers as entities_filtered does for a filter without fields or needs."""
    for region, kind, extra in (
        ("成都市", EntityKind.SCIENTIST, {}),
        ("重庆市", EntityKind.ENTERPRISE, {"flags": ["high_tech"]}),
        ("永川区", EntityKind.INSTITUTION, {"synthetic": True, "text": "示例"}),
        ("成都市", EntityKind.SOCIETY, {"synthetic": False}),
    ):
        params = {
            **{"fields": [], "needs": [], "flags": [], "text": "", "synthetic": None},
            **extra,
            "regions": region_names(module_store, region),
            "order": order,
        }
        indexed = _all_pages(module_store, "entities_in_regions", kind, params)
        scanned = _all_pages(module_store, "entities_filtered", kind, params)
        assert indexed == scanned, (region, kind)
        assert indexed, (region, kind)
        [count] = module_store.read("entities_in_regions_count", {**params, "kind": kind.value}, slots={"kind": kind})
        assert count["total"] == len(scanned)


def _tied(store: GraphStore, kind: EntityKind, relation: str, fields: list[str]) -> set[str]:
    """Uids of the kind tied by ``relation`` to one of ``fields``; every uid when none is named."""
    tie = f"-[:{relation}]->(f:Field) WHERE f.uid IN $fields" if fields else " WHERE true"
    rows = read_raw(store, f"MATCH (n:{kind.value}){tie} RETURN DISTINCT n.uid AS uid", {"fields": fields})
    return {str(row["uid"]) for row in rows}


@pytest.mark.usefixtures("client")  # the demo loaded
@pytest.mark.parametrize("order", ["uid", "name", "updated"])
def test_a_field_page_from_the_fields_ties_is_the_page_of_the_kind_scan(module_store: GraphStore, order: str) -> None:
    """entities_in_fields answers as entities_filtered does for a filter naming fields or needs."""
    [pair] = read_raw(
        module_store,
        "MATCH (g:Field)<-[:NEEDS]-(:Enterprise)-[:IN_FIELD]->(f:Field) "
        "RETURN f.uid AS works, g.uid AS needs, count(*) AS n ORDER BY n DESC, works, needs LIMIT 1",
        {},
    )
    works, needs = [pair["works"]], [pair["needs"]]
    for kind, extra in (
        (EntityKind.ENTERPRISE, {"fields": works}),
        (EntityKind.ENTERPRISE, {"needs": needs}),
        (EntityKind.ENTERPRISE, {"fields": works, "needs": needs}),
        (EntityKind.ENTERPRISE, {"needs": needs + works, "regions": region_names(module_store, "成都市")}),
        (EntityKind.SCIENTIST, {"fields": works + needs, "synthetic": True}),
    ):
        params: dict[str, Any] = {
            **{"regions": [], "fields": [], "needs": [], "flags": [], "text": "", "synthetic": None},
            **extra,
            "order": order,
        }
        from_fields = _all_pages(module_store, "entities_in_fields", kind, params)
        # By definition: the kind's page without the tie filters, keeping what the ties allow.
        allowed = _tied(module_store, kind, "IN_FIELD", params["fields"]) & _tied(
            module_store, kind, "NEEDS", params["needs"]
        )
        scanned = [row for row in _all_pages(module_store, "entities_filtered", kind, params) if row[0] in allowed]
        assert from_fields == scanned, (kind, extra)
        assert from_fields, (kind, extra)
        [count] = module_store.read("entities_in_fields_count", {**params, "kind": kind.value}, slots={"kind": kind})
        assert count["total"] == len(scanned)


def test_total_count_of_a_region_page_is_the_number_of_matches(client: TestClient, module_store: GraphStore) -> None:
    query = (
        "query($r: String!, $n: Int!) { entities(kind: INSTITUTION, where: {region: $r}, first: $n) { totalCount } }"
    )
    for region in ("成都市", "永川区"):
        [direct] = read_raw(
            module_store,
            "MATCH (n:Institution) WHERE n.region IN $r RETURN count(n) AS n",
            {"r": region_names(module_store, region)},
        )
        # A page that holds every match is counted by its length, a shorter one by the engine.
        for first in (100, 3):
            assert gql(client, query, r=region, n=first)["entities"]["totalCount"] == direct["n"], (region, first)


@pytest.mark.parametrize("first", [1, 3, 10, 20])
def test_real_workstations_come_before_synthetic_ones_whatever_first_is(client: TestClient, first: int) -> None:
    """The issue's case: search("工作站", first: 10) showed no real workstation, first: 20 three."""
    query = "query($t: String!, $n: Int!) { search(text: $t, first: $n) { entity { uid kind synthetic } } }"
    everything = gql(client, query, t="工作站", n=100)["search"]
    real = [hit["entity"]["uid"] for hit in everything if not hit["entity"]["synthetic"]]
    # The seed's three stations named 工作站 (the rest are 服务站, 工作室, 基地).
    assert {"workstation:chengdu-academician", "workstation:chongqing-academician"} <= set(real)
    hits = gql(client, query, t="工作站", n=first)["search"]
    assert [hit["entity"]["uid"] for hit in hits][: len(real)] == real[:first]


@pytest.mark.parametrize("asked", ["成都", "Chengdu", "chengdu city"])
def test_region_filters_read_a_region_by_its_other_names(client: TestClient, asked: str) -> None:
    stats = "query($r: String!) { stats(region: $r) { entities } }"
    assert gql(client, stats, r=asked) == gql(client, stats, r="成都市")
    page = "query($r: String!) { entities(kind: ENTERPRISE, where: {region: $r}, first: 5) { totalCount } }"
    counted = gql(client, page, r=asked)["entities"]["totalCount"]
    assert counted == gql(client, page, r="成都市")["entities"]["totalCount"] > 0
    partners = """query($r: String!) { recommendPartners(for: "park:chengdu-gaoxin", region: $r, first: 5)
                  { partner { uid } } }"""
    within = gql(client, partners, r="成都市")
    assert within["recommendPartners"]
    assert gql(client, partners, r=asked) == within
