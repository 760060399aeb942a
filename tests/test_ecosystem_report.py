"""The networkx ecosystem report on the small hand-built ecosystem, and its cache."""

from __future__ import annotations

from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.domain.records import EntityRecord
from graph_service.ontology import EntityKind
from graph_service.services.analytics.report import ReportCache, compute
from graph_service.services.ingest.writer import write_entities
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem


def test_brokers_isolated_and_four_parties(store: EmbeddedStore) -> None:
    ecosystem.build(store)
    write_entities(store, [EntityRecord(EntityKind.SERVICE_AGENCY, "a:alone", {"uid": "a:alone", "name": "孤立机构"})])
    report = compute(store)
    # sci:c links the electronics society's people to the enterprise and its investor.
    assert report.brokers[0].uid in {"sci:c", "sci:b", "ent:x"}
    # ent:y only states a field: no tie to anyone, so an outreach target too.
    assert [i.uid for i in report.isolated] == ["a:alone", "ent:y"]
    assert report.isolated_count == 2
    # ent:x has staff (a scientist) and an investor: 3 parties; ent:y has none: 1.
    assert report.four_party == {1: 1, 3: 1}
    assert report.entities > 0
    assert report.ties > 0


def test_cache_is_reused_until_the_graph_changes(store: EmbeddedStore) -> None:
    ecosystem.build(store)
    cache = ReportCache()
    first = cache.get(store)
    assert cache.get(store) is first
    write_entities(store, [EntityRecord(EntityKind.SCIENTIST, "sci:new", {"uid": "sci:new", "name": "新人（虚构）"})])
    second = cache.get(store)
    assert second is not first
    assert second.isolated_count == first.isolated_count + 1


def test_report_over_http(store: EmbeddedStore) -> None:
    ecosystem.build(store)
    with TestClient(create_app(store=store)) as client:
        body = client.post(
            "/graphql",
            json={"query": "{ ecosystemReport { entities ties brokers { name value } fourParty { key count } } }"},
        ).json()
    assert body["data"]["ecosystemReport"]["fourParty"] == [{"key": "1", "count": 1}, {"key": "3", "count": 1}]
