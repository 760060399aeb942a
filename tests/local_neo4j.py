"""The project's own Neo4j for a test session: see graph_service/ops/local_neo4j.py.

The benchmark starts the same launcher, so it lives in the package; the tests import it from here.
"""

from __future__ import annotations

from graph_service.ops.local_neo4j import Neo4jServer, local_neo4j, missing

__all__ = ["Neo4jServer", "local_neo4j", "missing"]
