"""The evaluation command's machinery on a small synthetic ecosystem with a fixed seed."""

from __future__ import annotations

from graph_service.services.evaluate.run import evaluate
from graph_service.services.evaluate.split import hold_out
from graph_service.services.seed import load_demo
from graph_service.store.embedded import EmbeddedStore

TOPOLOGICAL = ("jaccard", "adamic_adar", "resource_allocation")


def test_held_out_edges_are_the_newest_and_leave_the_training_graph(store: EmbeddedStore) -> None:
    load_demo(store, synthetic_size=800, synthetic_seed=3)
    split = hold_out(store, seed=1)
    assert split.held_out
    assert split.cold
    assert all(answers for answers in split.truths.values())


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
    assert f"{store.graph_name}__eval_train" not in store.connection.graph_names(), "the training copy is removed"
    log = store.connection.process.data_dir / "aof"
    assert sum(f.stat().st_size for f in log.glob("*.incr.aof")) < 256 * 1024, "and its writes are not left to replay"
