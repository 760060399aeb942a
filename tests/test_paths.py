"""find_paths on a small graph with several routes: its argument checks, its caps and its visit bound."""

from __future__ import annotations

import pytest

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import InvalidInputError, LimitExceededError, NotFoundError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.explore import paths
from graph_service.services.explore.paths import find_paths
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore

# a reaches d by b or c in two ties, and by e and f in three.
TIES = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("a", "e"), ("e", "f"), ("f", "d")]


@pytest.fixture(scope="module")
def routes(module_store: GraphStore) -> GraphStore:
    uids = sorted({f"sci:{u}" for tie in TIES for u in tie})
    write_entities(module_store, [EntityRecord(EntityKind.SCIENTIST, u, {"uid": u, "name": u}) for u in uids])
    ties = [RelationRecord(RelationType.COLLABORATED_WITH, f"sci:{s}", f"sci:{t}", {}) for s, t in TIES]
    write_relations(module_store, ties)
    return module_store


def _routes(store: GraphStore, *, max_hops: int, first: int) -> list[list[str]]:
    return [[n.uid for n in p.nodes] for p in find_paths(store, "sci:a", "sci:d", max_hops=max_hops, first=first)]


def test_shortest_first_then_the_longer_route(routes: GraphStore) -> None:
    found = _routes(routes, max_hops=3, first=3)
    assert sorted(found[:2]) == [["sci:a", "sci:b", "sci:d"], ["sci:a", "sci:c", "sci:d"]]
    assert found[2] == ["sci:a", "sci:e", "sci:f", "sci:d"]
    assert _routes(routes, max_hops=3, first=3) == found, "the same question gets the same answer"


def test_first_and_max_hops_cap_the_answer(routes: GraphStore) -> None:
    assert len(_routes(routes, max_hops=3, first=2)) == 2
    assert len(_routes(routes, max_hops=3, first=1)) == 1
    assert len(_routes(routes, max_hops=2, first=3)) == 2, "the three-tie route is longer than maxHops"
    assert _routes(routes, max_hops=1, first=3) == []


def test_the_visit_bound_stops_the_search(routes: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # The ends are two nodes: the source's first step (b, c, e) passes the bound before d is reached.
    monkeypatch.setattr(paths, "MAX_VISITED", 2)
    assert _routes(routes, max_hops=3, first=3) == []


@pytest.mark.parametrize(
    ("source", "target", "hops", "first", "error", "names"),
    [
        ("sci:a", "sci:d", 0, 3, LimitExceededError, "maxHops"),
        ("sci:a", "sci:d", paths.MAX_HOPS + 1, 3, LimitExceededError, "maxHops"),
        ("sci:a", "sci:d", 4, 0, LimitExceededError, "first"),
        ("sci:a", "sci:d", 4, paths.MAX_PATHS + 1, LimitExceededError, "first"),
        ("sci:a", "sci:a", 4, 3, InvalidInputError, "from and to"),
        ("sci:a", "sci:nope", 4, 3, NotFoundError, "sci:nope"),
        ("sci:nope", "sci:d", 4, 3, NotFoundError, "sci:nope"),
    ],
)
def test_bad_arguments_are_named(
    routes: GraphStore, source: str, target: str, hops: int, first: int, error: type[Exception], names: str
) -> None:
    with pytest.raises(error, match=names):
        find_paths(routes, source, target, max_hops=hops, first=first)
