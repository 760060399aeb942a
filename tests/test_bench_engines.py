"""``graph-service bench engines`` end to end on the real engines, small: all three systems reported.

The command starts its own Neo4j (tools/neo4j) and ``@neo4j/graphql`` on Node (tools/neo4j-graphql);
the numbers are only printed, never asserted: this checks that every figure is there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph_service.bench import neo4j_graphql
from graph_service.bench.engines import NOT_EXPRESSED, OPERATIONS, OURS, SYSTEMS
from graph_service.ontology import KIND_SPECS
from tests.prerequisites import require_local_neo4j, require_neo4j_graphql

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_type_definitions_have_every_kind_with_both_labels() -> None:
    sdl = neo4j_graphql.type_definitions()
    for kind in KIND_SPECS:
        assert f'type {kind.value} implements Entity @node(labels: ["{kind.value}", "Entity"])' in sdl
    assert 'indexName: "entity_search"' in sdl
    assert (
        'collaborators: [Entity!]! @relationship(type: "COLLABORATED_WITH", direction: OUT, queryDirection: UNDIRECTED)'
        in sdl
    )


def test_bench_engines_reports_all_three_systems(tmp_path: Path) -> None:
    require_local_neo4j()
    require_neo4j_graphql()
    # In a directory of its own: the ecosystem (var/bench) and the results (bench-results) land there.
    # As small as still runs every figure: the seed and 100 synthetic entities, two samples each.
    command = [sys.executable, "-m", "graph_service.cli.main", "bench", "engines", "--entities", "100"]
    command += ["--samples", "2", "--seconds", "0.2", "--clients", "2", "--heap", "1g"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("engines entities=100 ")
    pairs = dict(item.split("=", 1) for item in last.split()[1:])
    for engine in ("falkordb", "neo4j"):
        for op in OPERATIONS:
            for figure in ("p50_ms", "p95_ms", "raw_p50_ms", "raw_p95_ms"):
                float(pairs[f"{engine}_{op}_{figure}"])
        float(pairs[f"{engine}_import_rows_per_s"])
        float(pairs[f"{engine}_rss_mb"])
    float(pairs["falkordb_used_memory_mb"])
    for system in SYSTEMS:
        for op in OURS:
            for figure in ("p50_ms", "p95_ms", "per_s"):
                float(pairs[f"{system}_{op}_{figure}"])

    [written] = list((tmp_path / "bench-results").glob("engines-*.json"))
    results = json.loads(written.read_text(encoding="utf-8"))["results"]
    assert results["entities"] == 100
    assert set(results["falkordb"]["latency"]) == set(results["neo4j"]["latency"]) == set(OPERATIONS)
    comparison = results["neo4j_graphql"]
    assert comparison["version"].startswith("7.")
    for op in OURS:
        assert set(comparison["operations"][op]) == set(SYSTEMS)
        for served in comparison["operations"][op].values():
            assert served["errors"] == 0
    assert set(comparison["not_expressed"]) == set(NOT_EXPRESSED)
