"""The Neo4j cluster deployment (docker/compose.cluster.yaml) holds together, without Docker.

No Neo4j server or Docker runs here, so what can be checked is the file itself: three
primaries and a secondary with their mode constraints, addresses that name the server that
advertises them, discovery endpoints that list the primaries, Neo4j settings spelled as the
image maps them, a service that routes (``neo4j://``) and reads only settings the service
knows, and docs/neo4j-cluster.md naming every variable the file uses. PyYAML is not a
dependency, so the file is read by a strict parser of the plain block subset it is written
in: anything outside that subset fails the test instead of being misread.

The last tests check ``Neo4jStore``'s use of the driver where no server is needed: which
routing each call asks for, that ``clear()`` shares the bookmark manager, and that ``ping()``
is False when nothing listens.
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j import RoutingControl

from graph_service import config
from graph_service.errors import StoreError
from graph_service.ontology import EntityKind
from graph_service.store.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker" / "compose.cluster.yaml"
DOCS = ROOT / "docs" / "neo4j-cluster.md"
SERVICE = "service"

# Variables of the Neo4j image itself, not configuration settings.
IMAGE_VARIABLES = frozenset({"NEO4J_AUTH", "NEO4J_ACCEPT_LICENSE_AGREEMENT"})
# Every Neo4j 5.26 setting the file may set. The image turns NEO4J_a_b__c into a.b_c and the
# server refuses to start on a name it does not know; this list catches a misspelling first.
KNOWN_SETTINGS = frozenset(
    {
        "server.memory.heap.max_size",
        "server.memory.pagecache.size",
        "server.default_listen_address",
        "server.default_advertised_address",
        "server.bolt.listen_address",
        "server.bolt.advertised_address",
        "server.cluster.advertised_address",
        "server.cluster.raft.advertised_address",
        "dbms.cluster.discovery.version",
        "dbms.cluster.discovery.v2.endpoints",
        "dbms.cluster.minimum_initial_system_primaries_count",
        "initial.server.mode_constraint",
        "server.cluster.system_database_mode",
        "initial.dbms.default_primaries_count",
        "initial.dbms.default_secondaries_count",
        "initial.dbms.automatically_enable_free_servers",
    }
)


# --- a strict parser for the block-YAML subset the compose file is written in ---------------


def parse_yaml_subset(text: str) -> Any:
    """Nested mappings, sequences of scalars, quoted scalars and JSON-style flow lists.

    >>> parse_yaml_subset("a:\\n  b: 1\\n  c:\\n    - 'x'\\n    - [\\"y\\"]\\n")
    {'a': {'b': '1', 'c': ['x', ['y']]}}
    """
    lines: list[tuple[int, str]] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            if "\t" in raw[: len(raw) - len(raw.lstrip())]:
                raise ValueError(f"tab in indentation: {raw!r}")
            lines.append((len(raw) - len(raw.lstrip(" ")), stripped))
    if not lines:
        return None
    node, end = _block(lines, 0, lines[0][0])
    if end != len(lines):
        raise ValueError(f"unexpected indentation at {lines[end][1]!r}")
    return node


def _block(lines: list[tuple[int, str]], i: int, indent: int) -> tuple[Any, int]:
    if lines[i][1].startswith("- "):
        items: list[Any] = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            item = lines[i][1][2:].strip()
            if re.match(r"^[\w.-]+:(\s|$)", item):
                raise ValueError(f"mappings inside sequences are outside the subset: {item!r}")
            items.append(_scalar(item))
            i += 1
        return items, i
    mapping: dict[str, Any] = {}
    while i < len(lines) and lines[i][0] == indent:
        key, colon, rest = lines[i][1].partition(":")
        if not colon or not re.fullmatch(r"[\w.-]+", key) or key in mapping:
            raise ValueError(f"not a new plain key: {lines[i][1]!r}")
        i += 1
        if rest.strip():
            if not rest.startswith(" "):
                raise ValueError(f"no space after the colon: {lines[i - 1][1]!r}")
            mapping[key] = _scalar(rest.strip())
        elif i < len(lines) and lines[i][0] > indent:
            mapping[key], i = _block(lines, i, lines[i][0])
        else:
            mapping[key] = None
    return mapping, i


def _scalar(text: str) -> Any:
    if text.startswith("["):
        return json.loads(text)  # every flow list in the file is a list of double-quoted strings
    if text.startswith('"'):
        value = json.loads(text)
        assert isinstance(value, str)
        return value
    if text.startswith("'"):
        if not text.endswith("'") or len(text) < 2:
            raise ValueError(f"unterminated quote: {text!r}")
        return text[1:-1].replace("''", "'")
    if " #" in text or text[0] in "&*!|>{@`%":
        raise ValueError(f"outside the subset (comment, anchor, tag or block scalar): {text!r}")
    return text


# --- the file, read once -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    parsed = parse_yaml_subset(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(parsed, dict)
    return parsed


def neo4j_servers(compose: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each Neo4j service's environment, by service name."""
    return {
        name: spec["environment"]
        for name, spec in compose["services"].items()
        if str(spec.get("image", "")).startswith("neo4j:")
    }


def mode(env: dict[str, str]) -> str:
    return env["NEO4J_initial_server_mode__constraint"]


def setting_name(variable: str) -> str:
    """The Neo4j setting an image variable sets: NEO4J_server_bolt_listen__address -> server.bolt.listen_address."""
    return variable.removeprefix("NEO4J_").replace("__", "\0").replace("_", ".").replace("\0", "_")


def host_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host, int(port)


# --- the cluster --------------------------------------------------------------------------------


def test_the_file_parses_into_a_cluster_and_a_service(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert SERVICE in services
    assert len(neo4j_servers(compose)) >= 4
    declared = set(compose["volumes"])
    for name, spec in services.items():
        for volume in spec.get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared, f"{name} mounts undeclared volume {source}"


def test_three_primaries_and_at_least_one_secondary(compose: dict[str, Any]) -> None:
    servers = neo4j_servers(compose)
    for name, env in servers.items():
        assert env["NEO4J_ACCEPT_LICENSE_AGREEMENT"].startswith("${NEO4J_ACCEPT_LICENSE_AGREEMENT:?"), name
        assert str(compose["services"][name]["image"]).endswith("-enterprise"), f"{name}: clustering needs Enterprise"
    primaries = [name for name, env in servers.items() if mode(env) == "PRIMARY"]
    secondaries = [name for name, env in servers.items() if mode(env) == "SECONDARY"]
    assert len(primaries) == 3, "three primaries keep a write majority when one fails"
    assert len(secondaries) >= 1
    assert len(primaries) + len(secondaries) == len(servers), "every server has a mode constraint"
    for name in primaries:
        env = servers[name]
        assert env["NEO4J_server_cluster_system__database__mode"] == "PRIMARY", name
        assert env["NEO4J_dbms_cluster_minimum__initial__system__primaries__count"] == str(len(primaries)), name
        assert env["NEO4J_initial_dbms_default__primaries__count"] == str(len(primaries)), name
        assert env["NEO4J_initial_dbms_default__secondaries__count"] == str(len(secondaries)), name
    for name in secondaries:
        assert servers[name]["NEO4J_server_cluster_system__database__mode"] == "SECONDARY", name


def test_every_advertised_address_names_its_own_server(compose: dict[str, Any]) -> None:
    bolt_ports: list[int] = []
    for name, env in neo4j_servers(compose).items():
        assert compose["services"][name].get("hostname", name) == name
        advertised = {k: v for k, v in env.items() if "advertised" in k}
        assert {
            "NEO4J_server_default__advertised__address",
            "NEO4J_server_bolt_advertised__address",
            "NEO4J_server_cluster_advertised__address",
            "NEO4J_server_cluster_raft_advertised__address",
        } <= advertised.keys(), name
        for key, value in advertised.items():
            assert value.partition(":")[0] == name, f"{name}: {key}={value}"
        # The routing table hands out the bolt address: it must be where this server listens,
        # inside the compose network and, published on the same port, from the host.
        _, bolt = host_port(env["NEO4J_server_bolt_advertised__address"])
        assert host_port(env["NEO4J_server_bolt_listen__address"])[1] == bolt, name
        assert f"127.0.0.1:{bolt}:{bolt}" in compose["services"][name]["ports"], name
        assert host_port(env["NEO4J_server_cluster_advertised__address"])[1] == 6000, name
        bolt_ports.append(bolt)
    assert len(set(bolt_ports)) == len(bolt_ports), "host ports must differ"
    # 7688 is the server-side routing connector's default port.
    assert 7688 not in bolt_ports


def test_discovery_lists_the_primaries_on_their_cluster_port(compose: dict[str, Any]) -> None:
    servers = neo4j_servers(compose)
    primaries = {env["NEO4J_server_cluster_advertised__address"] for env in servers.values() if mode(env) == "PRIMARY"}
    for name, env in servers.items():
        # 5.26: v2 discovery runs over the cluster port; v1 (port 5000) is deprecated.
        assert env["NEO4J_dbms_cluster_discovery_version"] == "V2_ONLY", name
        assert set(env["NEO4J_dbms_cluster_discovery_v2_endpoints"].split(",")) == primaries, name
        assert not any(k.startswith("NEO4J_server_discovery_") for k in env), f"{name}: v1 discovery setting"


def test_neo4j_settings_are_spelled_as_the_image_maps_them(compose: dict[str, Any]) -> None:
    for name, env in neo4j_servers(compose).items():
        unknown = {setting_name(k) for k in env if k not in IMAGE_VARIABLES} - KNOWN_SETTINGS
        assert not unknown, f"{name}: {sorted(unknown)}"


def test_healthchecks_probe_each_server_on_its_own_bolt_port(compose: dict[str, Any]) -> None:
    for name, env in neo4j_servers(compose).items():
        check = compose["services"][name]["healthcheck"]["test"]
        _, bolt = host_port(env["NEO4J_server_bolt_listen__address"])
        assert check[0] == "CMD-SHELL"
        assert f"bolt://localhost:{bolt} " in check[1], name


# --- the service --------------------------------------------------------------------------------


def settings_read_from_env(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The environment variable names Settings.from_env looks up."""
    seen: set[str] = set()

    class Recording(dict[str, str]):
        def get(self, key: str, default: Any = None) -> Any:
            seen.add(key)
            return super().get(key, default)

        def __getitem__(self, key: str) -> str:
            seen.add(key)
            return super().__getitem__(key)

    monkeypatch.setattr(os, "environ", Recording())
    config.Settings.from_env()
    return seen


def test_service_environment_is_read_by_the_service(compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    env: dict[str, str] = compose["services"][SERVICE]["environment"]
    known = settings_read_from_env(monkeypatch)
    unknown = set(env) - known
    assert not unknown, f"the service reads no such variables: {sorted(unknown)}"
    assert env["GRAPH_SERVICE_ENGINE"] == "neo4j"


def test_service_routes_through_a_primary(compose: dict[str, Any]) -> None:
    service = compose["services"][SERVICE]
    env: dict[str, str] = service["environment"]
    scheme, _, address = env["NEO4J_URI"].partition("://")
    assert scheme == "neo4j", "bolt:// would pin every query to one server: no routing, no failover"
    servers = neo4j_servers(compose)
    primaries = {e["NEO4J_server_bolt_advertised__address"] for e in servers.values() if mode(e) == "PRIMARY"}
    assert address in primaries
    password = env["NEO4J_PASSWORD"]
    assert all(e["NEO4J_AUTH"] == f"neo4j/{password}" for e in servers.values())
    assert env["NEO4J_DATABASE"] == "neo4j"
    assert {name: dep["condition"] for name, dep in service["depends_on"].items()} == dict.fromkeys(
        servers, "service_healthy"
    )


def test_the_docs_name_every_variable_the_file_uses(compose: dict[str, Any]) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    text = COMPOSE.read_text(encoding="utf-8")
    # ${NAME} is filled in by compose from the host; $${NAME} is left to the container's shell.
    used = set(compose["services"][SERVICE]["environment"]) | set(re.findall(r"(?<!\$)\$\{(\w+)", text))
    missing = sorted(name for name in used if name not in docs)
    assert not missing, f"{DOCS.name} does not mention {missing}"
    for name in neo4j_servers(compose):
        assert name in docs, f"{DOCS.name} does not name server {name}"


def test_the_subset_parser_refuses_what_it_does_not_understand() -> None:
    for text in ("a: &x 1\n", "a:\n  - b: 1\n", "a: 1 # note\n", "a: 1\n  b: 2\n", "a: |\n  x\n", "a: 1\na: 2\n"):
        with pytest.raises(ValueError, match=r"outside the subset|not a new plain key|unexpected indentation"):
            parse_yaml_subset(text)


# --- Neo4jStore's use of the driver, no server needed ------------------------------------------


@pytest.fixture
def unreachable_store() -> Iterator[Neo4jStore]:
    """A store on a routing URI where nothing listens (the driver connects lazily)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = Neo4jStore(f"neo4j://127.0.0.1:{port}", password="unused")
    yield store
    store.close()


def test_reads_ask_for_readers_and_writes_for_the_leader(
    unreachable_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, RoutingControl]] = []

    def execute_query(
        query: neo4j.Query, parameters: dict[str, Any], **config: Any
    ) -> tuple[list[Any], None, list[str]]:
        calls.append((str(query.text).split("\n")[0], config["routing_"]))
        assert config["database_"] == "neo4j"
        assert "bookmark_manager_" not in config, "the driver's default manager chains every call"
        return [], None, []

    monkeypatch.setattr(unreachable_store._driver, "execute_query", execute_query)
    unreachable_store.read("entity_get", {"uid": "x"})
    unreachable_store.write("entity_delete", {"uid": "x"})
    rows = [{"uid": "a", "kind": "Scientist", "now": "", "fingerprint": "", "props": {}}]
    unreachable_store.write_batches("entity_upsert", rows, key=lambda r: r["uid"], slots={"kind": EntityKind.SCIENTIST})
    unreachable_store.ensure_schema()
    routings = [routing for _, routing in calls]
    statements = len(unreachable_store.queries["schema"].statements())
    # The schema's names are asked of the leader too, which creates what they lack.
    assert routings == [RoutingControl.READ] + [RoutingControl.WRITE] * (2 + 1 + statements)


def test_clear_shares_the_bookmark_manager_of_execute_query(
    unreachable_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[dict[str, Any]] = []

    def session(**config: Any) -> Any:
        opened.append(config)
        raise ValueError("no server here")

    monkeypatch.setattr(unreachable_store._driver, "session", session)
    with pytest.raises(StoreError):
        unreachable_store.clear()
    assert len(opened) == 1, "only transient errors are retried"
    assert opened[0]["bookmark_manager"] is unreachable_store._driver.execute_query_bookmark_manager
    assert opened[0]["default_access_mode"] == neo4j.WRITE_ACCESS
    assert opened[0]["database"] == "neo4j"


def test_ping_is_false_when_nothing_listens(unreachable_store: Neo4jStore) -> None:
    assert unreachable_store.ping() is False
