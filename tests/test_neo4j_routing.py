"""Routing and bookmarks on the session's one Neo4j server (issue 16, item 6).

A cluster needs Neo4j Enterprise. What one server shows is tested here: a ``neo4j://`` URI
gets a routing table and serves reads and writes through it; reads go in read transactions,
so the server refuses a write sent as one; and a store that has caught up with another
store's bookmarks (two workers, two drivers) reads that store's writes, while bookmarks the
server refuses are reported and not kept. One server has no replication lag, so a read
there sees a write without bookmarks too: these tests show that the bookmarks reach the
server and are waited on, not that a lagging reader waits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import neo4j
import pytest

from graph_service.api.http import bookmarks
from graph_service.errors import QueryError
from graph_service.ontology import EntityKind
from graph_service.store.neo4j import Neo4jStore
from tests.api_client import api_client
from tests.local_neo4j import Neo4jServer
from tests.raw_cypher import read_raw

pytestmark = pytest.mark.neo4j

Stores = Callable[[], Neo4jStore]


def _with_scheme(uri: str, routing: bool) -> str:
    """``uri`` as a routing (``neo4j``) or direct (``bolt``) URI, its encryption suffix kept."""
    scheme, rest = uri.split("://", 1)
    suffix = scheme.partition("+")[2]
    base = "neo4j" if routing else "bolt"
    return f"{base}+{suffix}://{rest}" if suffix else f"{base}://{rest}"


@pytest.fixture(params=["neo4j", "bolt"])
def stores(request: pytest.FixtureRequest, neo4j_server: Neo4jServer) -> Iterator[Stores]:
    """Makes stores with drivers of their own on the session's database, as separate workers have."""
    uri = _with_scheme(neo4j_server.uri, routing=request.param == "neo4j")
    made: list[Neo4jStore] = []

    def make() -> Neo4jStore:
        store = Neo4jStore(uri, user=neo4j_server.user, password=neo4j_server.password, database=neo4j_server.database)
        made.append(store)
        return store

    make().clear()
    yield make
    made[0].clear()
    for store in made:
        store.close()


def _add_scientist(store: Neo4jStore, uid: str) -> None:
    row = {"uid": uid, "kind": "Scientist", "now": "2026-01-01T00:00:00Z", "fingerprint": uid, "props": {"uid": uid}}
    store.write("entity_upsert", {"rows": [row]}, slots={"kind": EntityKind.SCIENTIST})


def test_a_routing_uri_reads_and_writes_through_its_routing_table(stores: Stores) -> None:
    store = stores()
    _add_scientist(store, "sci:routed")
    assert store.read("entity_get", {"uid": "sci:routed"})[0]["entity"]["uid"] == "sci:routed"
    if isinstance(store._driver, neo4j.BoltDriver):
        return  # a direct URI: no routing table
    assert isinstance(store._driver, neo4j.Neo4jDriver)
    # What the server hands a routing driver connected at an address: that address in all three roles.
    address = "127.0.0.1:1"
    rows = read_raw(
        store,
        "CALL dbms.routing.getRoutingTable({address: $address}, $db) YIELD servers RETURN servers",
        {"address": address, "db": store.database},
    )
    roles = {server["role"]: server["addresses"] for server in rows[0]["servers"]}
    assert roles == {"WRITE": [address], "READ": [address], "ROUTE": [address]}


def test_reads_are_sent_as_read_transactions(stores: Stores) -> None:
    store = stores()
    row = {"uid": "sci:r", "kind": "Scientist", "now": "2026-01-01T00:00:00Z", "fingerprint": "x", "props": {}}
    with pytest.raises(QueryError, match="read access mode"):
        store.read("entity_upsert", {"rows": [row]}, slots={"kind": EntityKind.SCIENTIST})
    assert store.read("entity_get", {"uid": "sci:r"}) == [], "the refused read wrote nothing"
    store.write("entity_upsert", {"rows": [row]}, slots={"kind": EntityKind.SCIENTIST})
    assert store.read("entity_get", {"uid": "sci:r"})


def test_a_store_that_caught_up_reads_another_stores_write(stores: Stores) -> None:
    writer, reader = stores(), stores()
    before = writer.bookmarks()
    _add_scientist(writer, "sci:written")
    after = writer.bookmarks()
    assert after
    assert after != before, "a write moves the writer's bookmarks"
    trips = reader.round_trips
    reader.catch_up(after)
    assert reader.round_trips == trips + 1, "catching up waits with one read"
    assert reader.read("entity_get", {"uid": "sci:written"})[0]["entity"]["uid"] == "sci:written"
    # The reader's own bookmarks now stand for a state with the write in it: a third worker
    # catching up with them sees it too.
    third = stores()
    third.catch_up(reader.bookmarks())
    assert third.read("entity_get", {"uid": "sci:written"})


def test_bookmarks_the_server_refuses_are_reported_and_not_kept(stores: Stores) -> None:
    store = stores()
    _add_scientist(store, "sci:mine")
    own = store.bookmarks()
    with pytest.raises(QueryError, match=r"[Bb]ookmark"):
        store.catch_up(["FB:not-a-bookmark"])
    assert store.bookmarks() == own
    assert store.read("entity_get", {"uid": "sci:mine"}), "later queries are not held by the refused bookmark"
    store.catch_up([])
    assert store.bookmarks() == own, "nothing to catch up with asks nothing"


UPSERT = """mutation($input: EntityInput!) { upsertEntity(input: $input) {
  __typename ... on EntityPayload { entity { uid } } } }"""
READ = """query($uid: String!) { entity(uid: $uid) { uid name } }"""


def test_a_client_reads_its_write_through_another_worker(stores: Stores) -> None:
    """Graph-Bookmarks from the worker that wrote, sent to another: it catches up before answering."""
    writer_store, reader_store = stores(), stores()
    with api_client(store=writer_store) as writer, api_client(store=reader_store) as reader:
        written = writer.post(
            "/graphql",
            json={"query": UPSERT, "variables": {"input": {"kind": "SCIENTIST", "uid": "sci:http", "name": "张书签"}}},
        )
        assert written.json()["data"]["upsertEntity"]["__typename"] == "EntityPayload", written.text
        marks = written.headers[bookmarks.HEADER]
        assert set(marks.split(",")) == set(writer_store.bookmarks())

        trips = reader_store.round_trips
        answer = reader.post(
            "/graphql", json={"query": READ, "variables": {"uid": "sci:http"}}, headers={bookmarks.HEADER: marks}
        )
        assert answer.json()["data"]["entity"] == {"uid": "sci:http", "name": "张书签"}
        assert reader_store.round_trips == trips + 2, "one read waits for the bookmarks, one answers"
        # The reader's own bookmarks now stand for a state at least as new: a third worker can use them.
        assert answer.headers[bookmarks.HEADER]

        refused = reader.post(
            "/graphql",
            json={"query": READ, "variables": {"uid": "sci:http"}},
            headers={bookmarks.HEADER: "FB:not-a-bookmark"},
        )
        assert refused.status_code == 400
        assert bookmarks.HEADER in refused.text

        too_many = ",".join(f"FB:{n}" for n in range(bookmarks.MAX_BOOKMARKS + 1))
        assert reader.post("/graphql", json={"query": READ}, headers={bookmarks.HEADER: too_many}).status_code == 400
