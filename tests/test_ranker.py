"""The learned ranker: trained on the demo graph's history, stored beside it, used by every worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_service.ontology import EntityKind
from graph_service.ops.backup import backup
from graph_service.services.access.principal import LOCAL_OPERATOR, acting_as
from graph_service.services.export.reading import entities_of
from graph_service.services.match import ranker, training
from graph_service.services.match.ranking import rate_pool
from graph_service.services.match.recommend import recommend_partners
from graph_service.services.seed import load_demo
from graph_service.services.stats import graph_stats
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.connection import EngineConnection

WEIGHTS = {"topic": 1.0, "network": 1.0, "geography": 0.0, "credibility": 0.0, "stage": 0.0, "complementarity": 0.0}


@pytest.fixture(scope="module")
def trained(engine: EngineConnection) -> Iterator[tuple[EmbeddedStore, training.TrainingReport]]:
    """The demo graph with a model trained on it (once for the module: training copies the graph)."""
    store = EmbeddedStore(engine, "ranker_demo")
    store.clear()
    with acting_as(LOCAL_OPERATOR):
        load_demo(store, synthetic_size=1500)
        report = training.train(store)
    yield store, report
    engine.delete_graph(store.graph_name)
    engine.delete_graph(f"{store.graph_name}{ranker.MODEL_GRAPH_SUFFIX}")


def _askers(store: EmbeddedStore, count: int) -> list[str]:
    """Enterprises the recommender has something to go on for."""
    found = []
    for props in entities_of(store, EntityKind.ENTERPRISE):
        if rate_pool(store, str(props["uid"]), kinds=[EntityKind.INVESTOR]):
            found.append(str(props["uid"]))
        if len(found) == count:
            break
    return found


def test_training_reports_what_it_learned_from(trained: tuple[EmbeddedStore, training.TrainingReport]) -> None:
    store, report = trained
    years = training.partnership_years(store)
    later = sum(n for y, n in years.items() if y >= report.year)
    assert later >= training.MIN_NEW_TIES
    assert later >= training.FUTURE_SHARE * sum(years.values()), "the latest year with enough ties from it on"
    after = sum(n for y, n in years.items() if y > report.year)
    assert after < training.MIN_NEW_TIES or after < training.FUTURE_SHARE * sum(years.values())
    assert report.version >= 1
    assert report.positives >= training.MIN_POSITIVES
    assert report.examples > report.positives
    assert 0 < report.pool_recall <= 1
    assert report.validation["queries"] == report.queries
    assert set(report.validation["learned"]) == {"recall@10", "ndcg@10"}
    assert f"{store.graph_name}__train_ranker" not in store.connection.graph_names(), "the scratch copy is removed"


def test_the_stored_model_scores_exactly_as_the_one_saved(
    trained: tuple[EmbeddedStore, training.TrainingReport], store: EmbeddedStore
) -> None:
    source, _ = trained
    model = ranker.load_model(source)
    assert model is not None
    saved = ranker.save_model(store, model)
    loaded = ranker.load_model(store)
    assert loaded is not None
    assert (saved.version, loaded.version) == (1, 1)
    pool = rate_pool(source, _askers(source, 1)[0])
    assert pool
    assert [loaded.score(c.features) for c in pool] == [model.score(c.features) for c in pool]
    assert loaded.to_json() == model.to_json()
    store.connection.delete_graph(f"{store.graph_name}{ranker.MODEL_GRAPH_SUFFIX}")


def test_contributions_add_up_to_the_score(trained: tuple[EmbeddedStore, training.TrainingReport]) -> None:
    store, _ = trained
    model = ranker.active_ranker(store)
    assert model is not None
    pool = rate_pool(store, _askers(store, 1)[0])
    for candidate in pool:
        shares = model.contributions(candidate.features)
        assert set(shares) == {"topic", "network", "geography", "credibility", "stage", "complementarity"}
        assert sum(shares.values()) == pytest.approx(model.score(candidate.features), abs=1e-12)
        assert 0 <= model.score(candidate.features) <= 1
    # A component that does not apply (no stage to fit for a scientist) contributes nothing.
    assert all(model.contributions(c.features)["stage"] == 0 for c in pool if c.features.get("stage_known") == 0)


def test_recommendations_use_the_learned_model_unless_weights_are_given(
    trained: tuple[EmbeddedStore, training.TrainingReport],
) -> None:
    store, report = trained
    model = ranker.active_ranker(store)
    assert model is not None
    assert model.label == report.label
    assert model.label.startswith(f"learned v{report.version} (logistic")
    for asker in _askers(store, 3):
        results = recommend_partners(store, asker, first=10)
        assert results
        assert {r.scorer for r in results} == {model.label}
        assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
        for r in results:
            # Shown per applicable component, rounded to 4 places; they still add up to the score.
            assert sum(c.contribution for c in r.components) == pytest.approx(r.score, abs=5e-4)
        hand = recommend_partners(store, asker, first=10, weights=WEIGHTS)
        assert {r.scorer for r in hand} == {"hand-weighted"}
        assert {r.scorer for r in recommend_partners(store, asker, first=5, learned=False)} == {"hand-weighted"}


def test_the_model_stays_out_of_the_entity_graph(
    trained: tuple[EmbeddedStore, training.TrainingReport], tmp_path: Path
) -> None:
    store, _ = trained
    stats = graph_stats(store)
    assert "RankerModel" not in {k.kind for k in stats.kinds}
    assert store.read("graph_version")[0]["nodes"] == stats.entity_total
    # Backups refuse a graph holding nodes that are not entities: this one is written.
    assert backup(store, tmp_path / "demo.jsonl.gz").entities == stats.entity_total


def test_a_new_training_bumps_the_version_and_every_worker_sees_it(
    trained: tuple[EmbeddedStore, training.TrainingReport], engine: EngineConnection
) -> None:
    store, _ = trained
    worker = EmbeddedStore(engine, store.graph_name)  # another process's store on the same graph
    before = ranker.active_ranker(worker)
    assert before is not None
    again = training.train(store, max_askers=60, seed=3)
    assert again.version == before.version + 1
    after = ranker.active_ranker(worker)
    assert after is not None
    assert after.version == again.version
    assert after.label == again.label
    assert ranker.active_ranker(worker) is after, "and keeps it until the next training"


def test_too_little_history_refuses_and_leaves_no_model(store: EmbeddedStore) -> None:
    load_demo(store, synthetic_size=0)  # the seed ecosystem alone: a handful of dated ties
    with pytest.raises(training.ThinHistoryError, match=r"too little history.*历史数据不足"):
        training.train(store)
    with pytest.raises(training.ThinHistoryError, match="至少需要"):
        training.train(store, year=2024)
    assert training.fit_ranker(store) is None
    assert ranker.load_model(store) is None
    assert ranker.active_ranker(store) is None
    assert f"{store.graph_name}{ranker.MODEL_GRAPH_SUFFIX}" not in store.connection.graph_names()
    assert f"{store.graph_name}__train_ranker" not in store.connection.graph_names()
