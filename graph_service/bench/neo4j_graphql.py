"""``@neo4j/graphql`` on Node (tools/neo4j-graphql) against the benchmark's Neo4j, typed from our ontology.

The type definitions are generated here: one ``@node`` type per kind with the kind's
properties and one ``@relationship`` field per link of ``ontology.navigation`` (the same
field names as our API), so both sides read the same graph by the same names. Nodes
carry the ``Entity`` label beside their kind's, and the uid constraint is on ``Entity``, so
each type names both labels: a lookup by uid then uses that index, as ours does.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph_service.bench.server import free_port
from graph_service.config import environment_with
from graph_service.ontology import COMMON_PROPERTIES, ENTITY_LABEL, KIND_SPECS, EntityKind, PropertyType
from graph_service.ontology.navigation import Direction, links_of
from graph_service.ops.local_neo4j import Neo4jServer

TOOL = Path(__file__).resolve().parents[2] / "tools" / "neo4j-graphql"
READY_SECONDS = 60
# Our Neo4j full-text index (cypher/neo4j/schema.cypher) and the property it covers.
FULLTEXT_INDEX = "entity_search"
FULLTEXT_PROPERTY = "search_text"
# The kinds whose full-text query the schema offers: the one the benchmark searches.
FULLTEXT_KINDS = (EntityKind.SCIENTIST,)
INTERFACE = "Entity"  # every kind implements it (as in our API); a link to several kinds points to it

_SCALARS = {
    PropertyType.STRING: "String",
    # Neo4j integers are 64-bit; GraphQL's Int is 32-bit (amounts in yuan overflow it).
    PropertyType.INTEGER: "BigInt",
    PropertyType.FLOAT: "Float",
    PropertyType.BOOLEAN: "Boolean",
    PropertyType.STRING_LIST: "[String!]",
}


def search_query_name(kind: EntityKind) -> str:
    """The root field of ``kind``'s full-text query: ``scientistsSearch``."""
    return f"{kind.value[0].lower()}{kind.value[1:]}sSearch"


def type_definitions() -> str:
    """The SDL for ``@neo4j/graphql`` v7: our kinds, their public properties and their links."""
    common = [p for p in COMMON_PROPERTIES if p.name != "uid"]
    out = [
        f"interface {INTERFACE} {{",
        "  uid: ID!",
        "  kind: String",
        *(f"  {p.name}: {_SCALARS[p.type]}{'!' if p.required else ''}" for p in common),
        "}",
    ]
    for kind, spec in KIND_SPECS.items():
        directives = f'@node(labels: ["{kind.value}", "{ENTITY_LABEL}"])'
        if kind in FULLTEXT_KINDS:
            directives += (
                f' @fulltext(indexes: [{{indexName: "{FULLTEXT_INDEX}", '
                f'queryName: "{search_query_name(kind)}", fields: ["{FULLTEXT_PROPERTY}"]}}])'
            )
        out += [f"type {kind.value} implements {INTERFACE} {directives} {{", "  uid: ID!", "  kind: String"]
        # Contact details are for privileged roles in our API: left out here, as no token is asked for.
        props = [*common, *(p for p in spec.properties if not p.personal)]
        out += [f"  {p.name}: {_SCALARS[p.type]}{'!' if p.required else ''}" for p in props]
        if kind in FULLTEXT_KINDS:
            out.append(f"  {FULLTEXT_PROPERTY}: String")
        for link in links_of(kind):
            target = next(iter(link.others)).value if len(link.others) == 1 else INTERFACE
            # The library knows no two-way relationship: an undirected query of an outgoing one reads both.
            direction = "IN" if link.direction is Direction.IN else "OUT"
            extra = ", queryDirection: UNDIRECTED" if link.direction is Direction.BOTH else ""
            out.append(
                f'  {link.field}: [{target}!]! @relationship(type: "{link.rel.value}", direction: {direction}{extra})'
            )
        out.append("}")
    return "\n".join(out) + "\n"


@dataclass(frozen=True, slots=True)
class NodeServer:
    """A running ``@neo4j/graphql`` server: its port, its process and the library's version."""

    port: int
    pid: int
    version: str
    server_library: str


def missing() -> str | None:
    """Why the Node side cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "no Node.js on this machine: @neo4j/graphql cannot be served"
    if not (TOOL / "node_modules" / "@neo4j" / "graphql").is_dir():
        return "tools/neo4j-graphql is not installed: run `make neo4j-graphql-deps` (npm ci)"
    return None


def _version(package: str) -> str:
    manifest = TOOL / "node_modules" / package / "package.json"
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


@contextlib.contextmanager
def neo4j_graphql(neo4j: Neo4jServer) -> Iterator[NodeServer]:
    """``node server.mjs`` on a free loopback port against ``neo4j``; stopped (SIGTERM, then kill) afterwards."""
    reason = missing()
    if reason:
        raise RuntimeError(reason)
    port = free_port()
    env = environment_with(
        neo4j_uri=neo4j.uri, neo4j_user=neo4j.user, neo4j_password=neo4j.password, neo4j_database=neo4j.database
    )
    with tempfile.TemporaryDirectory(prefix="neo4j-graphql-") as tmp:
        typedefs = Path(tmp) / "typedefs.graphql"
        typedefs.write_text(type_definitions(), encoding="utf-8")
        log = (Path(tmp) / "server.out").open("w+")
        process = subprocess.Popen(
            ["node", str(TOOL / "server.mjs"), str(typedefs), str(port)],
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=TOOL,
        )
        try:
            deadline = time.monotonic() + READY_SECONDS
            while True:
                log.seek(0)
                if "READY http" in log.read():
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"@neo4j/graphql did not start: {log.read()[-3000:]}")
                time.sleep(0.1)
            yield NodeServer(
                port, process.pid, _version("@neo4j/graphql"), f"@apollo/server {_version('@apollo/server')}"
            )
        finally:
            if process.stdin is not None:
                process.stdin.close()  # the server also stops when this closes
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
