"""The replicated embedded engine on loopback: real primaries, replicas and Sentinels.

What FalkorDB replicates and how (by query text or by effects), that a write acknowledged
before the primary is killed is there after the failover, that reads from a replica see
the writer's own writes, and that the service follows a manual failover. Every process a
test starts is stopped by pid when its topology's ``with`` block ends, also on failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from graph_service.config import Settings
from graph_service.errors import QueryError, SettingsError
from graph_service.ontology import EntityKind
from graph_service.ops.failover_drill import failover_drill
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.engine import pid_alive
from graph_service.store.replicated.connection import ReplicatedConnection, ReplicationOptions
from graph_service.store.replicated.nodes import NodeProcess
from graph_service.store.replicated.topology import LoopbackTopology, loopback_topology
from tests.service_process import ServiceProcess, graphql

UPSERT = """mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename } }"""
ENTITY = """query($uid: String!) { entity(uid: $uid) { uid name } }"""


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackTopology]:
    """A primary, two replicas and three Sentinels, shared by the module's tests."""
    with loopback_topology(tmp_path_factory.mktemp("replicated"), replicas=2) as running:
        yield running
    assert not any(pid_alive(pid) for pid in running.pids().values() if pid), "a process outlived its topology"


def _connect(topology: LoopbackTopology, *, acks: int = 1) -> ReplicatedConnection:
    options = ReplicationOptions(
        tuple(topology.sentinel_addresses),
        service=topology.service,
        username=topology.username,
        password=topology.password,
        sentinel_password=topology.sentinel_password,
        replica_acks=acks,
    )
    return ReplicatedConnection(options)


@pytest.fixture
def store(topology: LoopbackTopology, request: pytest.FixtureRequest) -> Iterator[EmbeddedStore]:
    """A graph of its own on the shared topology, written through the primary and read from replicas."""
    graph = EmbeddedStore(_connect(topology), f"replicated_{request.node.name}"[:60], owns_connection=True)
    graph.clear()
    yield graph
    graph.close()


def _upsert(store: EmbeddedStore, *uids: str) -> None:
    rows = [
        {"uid": uid, "props": {"name": f"企业 {uid}"}, "kind": "Enterprise", "now": 1, "fingerprint": uid}
        for uid in uids
    ]
    store.write("entity_upsert", {"rows": rows}, slots={"kind": EntityKind.ENTERPRISE})


def _present(store: EmbeddedStore, uids: list[str]) -> set[str]:
    return {row["entity"]["uid"] for row in store.read("entities_get", {"uids": uids})}


def _node_count(node: NodeProcess, graph: str) -> int:
    client: Any = node.client()
    try:
        return int(client.execute_command("GRAPH.RO_QUERY", graph, "MATCH (n:Entity) RETURN count(n)")[1][0][0])
    finally:
        client.close()


def _replica(topology: LoopbackTopology) -> NodeProcess:
    primary = topology.primary()
    return next(node for node in topology.data_nodes if node is not primary)


def _graph_calls(node: NodeProcess) -> dict[str, int]:
    """How many times the node ran each GRAPH.* command since its statistics were reset."""
    client = node.client()
    try:
        stats: dict[str, Any] = client.info("commandstats")
    finally:
        client.close()
    return {name.removeprefix("cmdstat_"): int(value["calls"]) for name, value in stats.items() if "graph." in name}


def test_falkordb_replicates_a_write_by_its_effects_or_its_text_and_replicas_answer_the_same(
    topology: LoopbackTopology,
) -> None:
    topology.wait_ready()
    primary, replica = topology.primary(), _replica(topology)
    writer: Any = primary.client()
    reader: Any = replica.client()
    try:
        reader.config_resetstat()
        # Not deterministic: the replica must not run it again; it receives its effects.
        written = writer.execute_command("GRAPH.QUERY", "facts", "CREATE (n:Entity {uid: 'r', v: rand()}) RETURN n.v")
        assert writer.execute_command("WAIT", 1, 5000) >= 1
        assert _graph_calls(replica).get("graph.EFFECT") == 1
        # Deterministic and cheap: the query text itself is replicated and run again there.
        # "Cheap" is under EFFECTS_THRESHOLD (microseconds, 300 by default), which a loaded
        # machine passed (the effects were sent): raised for this write alone.
        threshold = writer.execute_command("GRAPH.CONFIG", "GET", "EFFECTS_THRESHOLD")[1]
        writer.execute_command("GRAPH.CONFIG", "SET", "EFFECTS_THRESHOLD", 10_000_000)
        try:
            writer.execute_command("GRAPH.QUERY", "facts", "MERGE (n:Entity {uid: 'd'}) SET n.v = 0.5")
        finally:
            writer.execute_command("GRAPH.CONFIG", "SET", "EFFECTS_THRESHOLD", threshold)
        assert writer.execute_command("WAIT", 1, 5000) >= 1
        assert _graph_calls(replica).get("graph.QUERY") == 1
        read = reader.execute_command("GRAPH.RO_QUERY", "facts", "MATCH (n:Entity {uid: 'r'}) RETURN n.v")
        assert read[1] == written[1]
        with pytest.raises(Exception, match=r"read only replica"):
            reader.execute_command("GRAPH.QUERY", "facts", "CREATE (:Entity {uid: 'x'})")
    finally:
        writer.execute_command("GRAPH.DELETE", "facts")
        writer.close()
        reader.close()


def test_reads_go_to_a_replica_and_writes_to_the_primary(store: EmbeddedStore) -> None:
    connection = store.connection
    assert isinstance(connection, ReplicatedConnection)
    _upsert(store, "e1")
    assert _present(store, ["e1"]) == {"e1"}
    assert connection.stats["reads_replica"] >= 1
    assert store.bookmarks()
    assert store.bookmarks()[0].startswith("falkordb-offset:")
    count, _, replication_id = store.version().partition("@")
    assert count.startswith("w")
    assert replication_id


@pytest.mark.slow  # a failover: the Sentinels wait down-after-milliseconds (2 s), then restart the node
def test_a_write_acknowledged_before_the_primary_is_killed_is_there_after_the_failover(
    topology: LoopbackTopology, store: EmbeddedStore
) -> None:
    topology.wait_ready()
    uids = [f"k{i}" for i in range(200)]
    for uid in uids:
        _upsert(store, uid)
    version = store.version()
    killed = topology.kill_primary()
    assert not killed.alive()
    _upsert(store, "after")  # retried by the store until the new primary takes it
    assert _present(store, [*uids, "after"]) == {*uids, "after"}
    assert store.version() != version  # the primary's replication id is in the token
    # The supervisor restarts the killed node as a replica; every node then holds everything.
    topology.wait_ready()
    assert killed.alive()
    assert topology.primary() is not killed
    for node in topology.data_nodes:
        assert _node_count(node, store.graph_name) == len(uids) + 1, node.name


@pytest.mark.slow  # a manual failover takes about a second, and the old primary rejoins on the Sentinels' INFO period
def test_the_service_follows_a_manual_failover(topology: LoopbackTopology, store: EmbeddedStore) -> None:
    topology.wait_ready()
    connection = store.connection
    assert isinstance(connection, ReplicatedConnection)
    _upsert(store, "before")
    old = topology.primary().address
    new = topology.failover()
    assert new != old
    _upsert(store, "after")
    assert _present(store, ["before", "after"]) == {"before", "after"}
    assert connection.stats["failovers"] >= 1


@pytest.mark.slow  # a topology of its own and a failover
def test_a_topology_with_a_user_per_role_and_no_default_user_fails_over(tmp_path: Path) -> None:
    with loopback_topology(tmp_path / "acl", replicas=1, acl=True) as running:
        anonymous = redis.Redis(*running.primary().address, password=running.password, socket_timeout=2)
        with pytest.raises(redis.AuthenticationError):
            anonymous.ping()  # the default user is off, whatever the password
        anonymous.close()
        store = EmbeddedStore(_connect(running), "acl", owns_connection=True)
        try:
            store.ensure_schema()
            _upsert(store, "a", "b")
            running.kill_primary()
            _upsert(store, "c")
            assert _present(store, ["a", "b", "c"]) == {"a", "b", "c"}
            with store.scratch_graph("copy") as copy:  # GRAPH.DELETE and BGREWRITEAOF are allowed too
                _upsert(copy, "x")
        finally:
            store.close()


@pytest.fixture
def lagging(tmp_path: Path) -> Iterator[LoopbackTopology]:
    """One replica, which a test can hold behind the primary (CLIENT PAUSE WRITE holds its replication)."""
    with loopback_topology(tmp_path / "lagging", replicas=1) as running:
        yield running


def test_a_session_reads_its_own_writes_even_from_a_replica_that_lags(lagging: LoopbackTopology) -> None:
    writer = EmbeddedStore(_connect(lagging, acks=0), "ryw", owns_connection=True)
    other = EmbeddedStore(_connect(lagging), "ryw", owns_connection=True)
    replica: Any = _replica(lagging).client()
    try:
        writer.ensure_schema()
        _upsert(writer, "old")
        assert writer.connection.stats["reads_replica"] == 0  # type: ignore[attr-defined]
        # The replica answers reads but applies nothing from the primary for 10 s.
        replica.execute_command("CLIENT", "PAUSE", 10_000, "WRITE")
        _upsert(writer, "new")
        assert _present(writer, ["new"]) == {"new"}
        assert writer.connection.stats["reads_primary"] == 1  # type: ignore[attr-defined]
        # Another session reads the replica as it is: without the writer's bookmarks, stale.
        assert _present(other, ["old", "new"]) == {"old"}
        assert other.connection.stats["reads_replica"] == 1  # type: ignore[attr-defined]
        other.catch_up(writer.bookmarks())
        assert _present(other, ["old", "new"]) == {"old", "new"}
        with pytest.raises(QueryError):
            other.catch_up(["falkordb-offset:999999999999"])
        with pytest.raises(QueryError):
            other.catch_up(["neo4j:bookmark"])
    finally:
        replica.execute_command("CLIENT", "UNPAUSE")
        replica.close()
        writer.close()
        other.close()


@pytest.mark.slow  # starts a replicated topology and the service on it
def test_serve_with_replicas_starts_the_topology_and_stops_it(data_dir: Path) -> None:
    service = ServiceProcess(data_dir, "--replicas", "1")
    service.start()
    try:
        graphql(service.port, UPSERT, {"input": {"kind": "SCIENTIST", "uid": "s1", "name": "复制"}}, service.token)
        body = graphql(service.port, ENTITY, {"uid": "s1"}, service.token)
        assert body["data"]["entity"] == {"uid": "s1", "name": "复制"}
        pids = [int(p.read_text()) for p in (data_dir / "replicated").glob("*/server.pid")]
        assert len(pids) == 5  # a primary, a replica, three Sentinels
    finally:
        service.stop()
    assert not any(pid_alive(pid) for pid in pids)


@pytest.mark.slow  # a 12 s drill with one failover, on a topology of its own
def test_the_failover_drill_loses_no_acknowledged_write(tmp_path: Path) -> None:
    report = failover_drill(12.0, writers=2, readers=1, baseline_s=0.5, directory=tmp_path / "drill")
    assert report.failovers >= 1, report
    assert report.acked > 0, report
    assert re.fullmatch(
        r"failover acked=\d+ lost=0 failovers=\d+ max_unavailable_s=\d+\.\d\d stale_reads=0", report.last_line()
    )
    assert report.replicated_drill is not None
    assert report.replicated_drill.count == report.acked


def test_sentinel_settings_are_parsed_and_checked() -> None:
    settings = Settings(sentinels="10.0.0.1:26379,10.0.0.2:26379", engine_password="s3cret")
    assert settings.sentinel_addresses == (("10.0.0.1", 26379), ("10.0.0.2", 26379))
    with pytest.raises(SettingsError, match="GRAPH_SERVICE_SENTINELS"):
        Settings(sentinels="10.0.0.1")
    with pytest.raises(SettingsError, match="GRAPH_SERVICE_SENTINELS"):
        Settings(engine="neo4j", neo4j_uri="neo4j://db:7687", sentinels="10.0.0.1:26379")
    with pytest.raises(SettingsError, match="GRAPH_SERVICE_REPLICA_ACKS"):
        Settings(replica_acks=-1)
