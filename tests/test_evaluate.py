"""The evaluation command's machinery: both synthetic link models and an imported real network, fixed seeds."""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import networkx as nx
import pytest

from graph_service.bench.ecosystems import load_ecosystem
from graph_service.cli.main import main
from graph_service.domain.records import RelationRecord
from graph_service.ontology import RelationType
from graph_service.services.evaluate.baselines import TAXONOMY
from graph_service.services.evaluate.imported import import_directory
from graph_service.services.evaluate.run import evaluate
from graph_service.services.holdout.split import PROFILE_TYPES, hold_out
from graph_service.services.seed import load_demo, read_seed
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection
from graph_service.store.protocol import ScratchGraphUnsupportedError
from graph_service.synthetic import Reference, generate

TOPOLOGICAL = ("jaccard", "adamic_adar", "resource_allocation")


@cache
def relations(model: str, size: int = 2000, seed: int = 5) -> list[RelationRecord]:
    records = generate(size, seed, Reference.from_records(read_seed()), link_model=model)
    return [r for r in records if isinstance(r, RelationRecord)]


def assert_pool_recall_bounds(result: dict[str, Any]) -> None:
    for group in ("all", "cold_start"):
        if not result["queries"][group]:
            continue
        row = result[group]["recommender"]
        assert 0 <= row["pool_recall"] <= 1
        assert row["pool_recall"] >= row["recall@50"], "what is recommended was in the pool"
        assert all("pool_recall" not in result[group][name] for name in TOPOLOGICAL)


def test_held_out_edges_are_the_newest_and_leave_the_training_graph(store: EmbeddedStore) -> None:
    load_demo(store, synthetic_size=800, synthetic_seed=3)
    split = hold_out(store, seed=1)
    assert split.held_out
    assert split.cold
    assert all(answers for answers in split.truths.values())
    assert split.modes[RelationType.COLLABORATED_WITH] == "newest"


def test_recommender_beats_the_baselines_and_serves_newcomers(store: EmbeddedStore) -> None:
    load_demo(store, synthetic_size=1500, synthetic_seed=3)
    result = evaluate(store, max_queries=120, seed=1)
    overall, cold = result["all"], result["cold_start"]
    best_topological = max(overall[name]["recall@10"] for name in TOPOLOGICAL)
    assert overall["recommender"]["recall@10"] >= 1.25 * best_topological
    assert overall["recommender"]["recall@10"] > overall["random"]["recall@10"]
    assert result["queries"]["cold_start"] > 0
    assert cold["recommender"]["recall@10"] > 0
    assert all(cold[name]["recall@10"] == 0 for name in TOPOLOGICAL)
    assert_pool_recall_bounds(result)
    assert f"{store.graph_name}__eval_train" not in store.connection.graph_names(), "the training copy is removed"
    assert isinstance(store.connection, EngineConnection)
    log = store.connection.process.data_dir / "aof"
    assert sum(f.stat().st_size for f in log.glob("*.incr.aof")) < 256 * 1024, "and its writes are not left to replay"


def field_sharing(model: str) -> tuple[float, float]:
    """Share of scientist collaborations whose two ends share a field, and the same with partners shuffled."""
    fields: dict[str, set[str]] = defaultdict(set)
    for r in relations(model):
        if r.type is RelationType.IN_FIELD:
            fields[r.source].add(r.target)
    pairs = [
        (r.source, r.target)
        for r in relations(model)
        if r.type is RelationType.COLLABORATED_WITH and r.target.startswith("syn:sci")
    ]
    sources, targets = [a for a, _ in pairs], [b for _, b in pairs]

    def share(ends: list[str]) -> float:
        return sum(bool(fields[a] & fields[b]) for a, b in zip(sources, ends, strict=True)) / len(pairs)

    rng, shuffled = random.Random(1), []
    for _ in range(20):
        rng.shuffle(targets)
        shuffled.append(share(targets))
    return share([b for _, b in pairs]), sum(shuffled) / len(shuffled)


def test_structural_ties_carry_no_field_homophily() -> None:
    observed, shuffled = field_sharing("structural")
    assert observed <= shuffled + 0.02
    # The measure has teeth: the community model's collaborators share fields far above chance.
    community, community_shuffled = field_sharing("community")
    assert community > 3 * community_shuffled


def test_structural_ties_close_triangles() -> None:
    social = nx.Graph()
    social.add_edges_from(
        (r.source, r.target)
        for r in relations("structural")
        if r.type not in PROFILE_TYPES and r.type not in TAXONOMY and r.target.startswith("syn:")
    )
    degrees = [d for _, d in social.degree()]
    shuffled = nx.Graph(nx.configuration_model(degrees, seed=1))
    shuffled.remove_edges_from(nx.selfloop_edges(shuffled))
    assert nx.average_clustering(social) > 5 * nx.average_clustering(shuffled)


def test_evaluate_runs_on_the_structural_model(store: EmbeddedStore) -> None:
    load_ecosystem(store, 800, seed=3, link_model="structural")
    result = evaluate(store, max_queries=80, seed=1)
    assert result["queries"]["all"] > 0
    assert result["queries"]["cold_start"] > 0
    assert result["hold_out"]["COLLABORATED_WITH"] == "newest"
    overall = result["all"]
    # Only the network carries signal here, and the topological baselines find it.
    assert max(overall[name]["recall@10"] for name in TOPOLOGICAL) > overall["random"]["recall@10"]
    assert_pool_recall_bounds(result)


def write_les_miserables(directory: Path, *, years: bool = True) -> Path:
    """Les Misérables' co-appearance network (shipped with networkx) as import files: a network we did not make."""
    directory.mkdir()
    graph = nx.les_miserables_graph()
    rng = random.Random(1862)
    with (directory / "scientists.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uid", "名称"])
        writer.writerows([f"lesmis:{name}", name] for name in sorted(graph))
    with (directory / "COLLABORATED_WITH.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "year"] if years else ["source", "target"])
        for a, b in sorted(tuple(sorted(edge)) for edge in graph.edges()):
            writer.writerow([f"lesmis:{a}", f"lesmis:{b}", rng.randint(2010, 2024)][: 3 if years else 2])
    return directory


def test_evaluate_from_an_imported_real_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = write_les_miserables(tmp_path / "lesmis")
    monkeypatch.chdir(tmp_path)  # the results file goes under the working directory
    assert main(["evaluate", "--from", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "lesmis (imported: 77 Scientist)" in out
    assert "held out: the newest 20% by year of COLLABORATED_WITH" in out
    assert "pool_recall" in out
    [written] = (tmp_path / "bench-results").glob("evaluate-*.json")
    result = json.loads(written.read_text(encoding="utf-8"))["results"]["from:lesmis"]
    assert result["imported"]["relations"] == {"COLLABORATED_WITH": 254}
    assert result["all"]["recommender"]["recall@10"] > result["all"]["random"]["recall@10"]
    assert_pool_recall_bounds(result)


def test_evaluate_from_undated_or_bad_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    undated = write_les_miserables(tmp_path / "undated", years=False)
    assert main(["evaluate", "--from", str(undated)]) == 0
    assert "a random 20% of COLLABORATED_WITH (not every tie has a year" in capsys.readouterr().out

    (undated / "scientists.csv").write_text("uid,名称,shoe_size\nlesmis:Valjean,,44\n", encoding="utf-8")
    assert main(["evaluate", "--from", str(undated)]) == 2
    err = capsys.readouterr().err
    assert "import rejected" in err
    assert "scientists.csv, row 2, field 'shoe_size': unknown column" in err
    assert main(["evaluate", "--from", str(tmp_path / "missing")]) == 2
    assert "not a directory" in capsys.readouterr().err


class OtherEngine:
    """A store that is not the embedded engine, as a Neo4j one is: no graph beside it to train in."""

    engine = "other"

    def __init__(self, inner: EmbeddedStore) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def sibling(self, suffix: str) -> None:
        return None

    def scratch_graph(self, suffix: str) -> NoReturn:
        raise ScratchGraphUnsupportedError("one graph only / 只有一个图谱")


def test_any_store_is_evaluated_with_a_training_engine_of_its_own(tmp_path: Path, store: EmbeddedStore) -> None:
    import_directory(store, write_les_miserables(tmp_path / "lesmis"))
    beside = evaluate(store, seed=2)
    apart = evaluate(OtherEngine(store), seed=2)
    assert (apart["all"], apart["cold_start"]) == (beside["all"], beside["cold_start"])
    assert not [name for name in store.connection.graph_names() if "eval_train" in name], "no copy beside it"
