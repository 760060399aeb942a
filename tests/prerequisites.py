"""What the Neo4j tests need from the machine, and when its absence may skip them.

A test skips only where the machine lacks the runtime itself (no Java, no Node), and says
so in the skip reason, which pytest reports. Where the runtime is there but the project's
part is not built (``make neo4j``, ``make neo4j-graphql-deps``), the test fails: a skip
there would count a broken set-up as passing.
"""

from __future__ import annotations

import shutil

import pytest

from graph_service.bench import neo4j_graphql
from graph_service.ops import local_neo4j


def _require(reason: str | None, runtime: str) -> None:
    if reason is None:
        return
    if shutil.which(runtime) is None:
        pytest.skip(reason)
    pytest.fail(reason, pytrace=False)


def require_local_neo4j() -> None:
    """The project's own Neo4j (tools/neo4j): skipped without Java, failed when Java is there but it is not built."""
    _require(local_neo4j.missing(), "java")


def require_neo4j_graphql() -> None:
    """@neo4j/graphql on Node (tools/neo4j-graphql): skipped without Node, failed when it is not installed."""
    _require(neo4j_graphql.missing(), "node")
