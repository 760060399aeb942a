"""The service's garbage-collector settings hold while it serves, and only then."""

from __future__ import annotations

import gc

from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.http.collector import YOUNG
from graph_service.config import Settings
from graph_service.store.embedded import EmbeddedStore


def test_the_collector_is_tuned_while_the_service_serves(store: EmbeddedStore) -> None:
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    app = create_app(Settings(demo=True, host="127.0.0.1"), store=store)
    with TestClient(app) as client:
        assert gc.get_threshold()[0] == YOUNG
        # What start-up built (schema, store) is out of the collector's walks.
        assert gc.get_freeze_count() > frozen
        answer = client.post("/graphql", json={"query": "{ stats { entities } }"}).json()
        assert "errors" not in answer
        assert answer["data"]["stats"]["entities"] >= 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
