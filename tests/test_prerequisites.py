"""A Neo4j test skips only where the machine lacks Java or Node, and fails on an unbuilt set-up."""

from __future__ import annotations

import shutil

import pytest

from graph_service.bench import neo4j_graphql
from graph_service.ops import local_neo4j
from tests import prerequisites


def test_without_java_the_local_neo4j_skips_naming_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_neo4j, "missing", lambda: "no Java on this machine")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="no Java on this machine"):
        prerequisites.require_local_neo4j()


def test_with_java_but_no_build_the_local_neo4j_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_neo4j, "missing", lambda: "run `make neo4j`")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    with pytest.raises(pytest.fail.Exception, match="make neo4j"):
        prerequisites.require_local_neo4j()


def test_with_node_but_no_install_neo4j_graphql_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neo4j_graphql, "missing", lambda: "run `make neo4j-graphql-deps`")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    with pytest.raises(pytest.fail.Exception, match="neo4j-graphql-deps"):
        prerequisites.require_neo4j_graphql()


def test_this_machine_runs_the_local_neo4j() -> None:
    """Java is here, and make test builds the launcher: the Neo4j tests run, never skip."""
    if shutil.which("java") is not None:
        assert local_neo4j.missing() is None
