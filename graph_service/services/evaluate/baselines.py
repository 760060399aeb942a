"""Baselines on the training graph's social projection: random, popularity, and networkx's
Jaccard, Adamic-Adar and resource allocation indices.

The projection holds the ties between people and organisations (memberships,
collaborations, investments, services, transfers…), not the taxonomy or places: those
are the recommender's own evidence, and link prediction is classically scored on the
social graph alone. So a newcomer with no ties scores zero on every topological baseline.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable

import networkx as nx

from graph_service.ontology import EntityKind, RelationType
from graph_service.services.export.reading import relations_of
from graph_service.services.holdout.split import PROFILE_TYPES
from graph_service.store import GraphStore

TAXONOMY = frozenset(
    {
        RelationType.BROADER,
        RelationType.REQUIRES,
        RelationType.PART_OF,
        RelationType.NEXT,
        RelationType.WITHIN,
        RelationType.FOCUSES_ON,
    }
)

Ranker = Callable[[str, EntityKind, int], list[str]]


def social_projection(store: GraphStore) -> nx.Graph:
    graph = nx.Graph()
    for rel in RelationType:
        if rel in PROFILE_TYPES or rel in TAXONOMY:
            continue
        graph.add_edges_from((s, t) for s, t, _ in relations_of(store, rel))
    return graph


class Baselines:
    """Rankers over one training projection; each returns the top ``k`` uids of a kind."""

    def __init__(self, graph: nx.Graph, kinds: dict[str, EntityKind], seed: int = 7) -> None:
        self.graph = graph
        self.rng = random.Random(seed)
        self.by_kind: dict[EntityKind, list[str]] = {}
        for uid, kind in sorted(kinds.items()):
            self.by_kind.setdefault(kind, []).append(uid)
        degree = dict(graph.degree())
        self.popular = {kind: sorted(uids, key=lambda u: (-degree.get(u, 0), u)) for kind, uids in self.by_kind.items()}

    def _fresh(self, asker: str, uids: Iterable[str]) -> list[str]:
        known = set(self.graph[asker]) if asker in self.graph else set()
        return [u for u in uids if u != asker and u not in known]

    def random(self, asker: str, kind: EntityKind, k: int) -> list[str]:
        pool = self._fresh(asker, self.by_kind.get(kind, []))
        return self.rng.sample(pool, min(k, len(pool)))

    def popularity(self, asker: str, kind: EntityKind, k: int) -> list[str]:
        return self._fresh(asker, self.popular.get(kind, []))[:k]

    def _topological(
        self, index: Callable[..., Iterable[tuple[str, str, float]]], asker: str, kind: EntityKind, k: int
    ) -> list[str]:
        if asker not in self.graph:
            return []
        wanted = set(self.by_kind.get(kind, []))
        near = {n for m in self.graph[asker] for n in self.graph[m]} & wanted
        pairs = [(asker, c) for c in sorted(self._fresh(asker, near))]
        # networkx sums over a set of common neighbours, whose order changes with string hashing
        # from run to run; rounding lets equal scores tie exactly, so the uid breaks the tie.
        scored = [(c, round(s, 12)) for _, c, s in index(self.graph, pairs) if s > 0]
        scored.sort(key=lambda item: (-item[1], item[0]))
        return [c for c, _ in scored[:k]]

    def jaccard(self, asker: str, kind: EntityKind, k: int) -> list[str]:
        return self._topological(nx.jaccard_coefficient, asker, kind, k)

    def adamic_adar(self, asker: str, kind: EntityKind, k: int) -> list[str]:
        return self._topological(nx.adamic_adar_index, asker, kind, k)

    def resource_allocation(self, asker: str, kind: EntityKind, k: int) -> list[str]:
        return self._topological(nx.resource_allocation_index, asker, kind, k)

    def rankers(self) -> dict[str, Ranker]:
        return {
            "random": self.random,
            "popularity": self.popularity,
            "jaccard": self.jaccard,
            "adamic_adar": self.adamic_adar,
            "resource_allocation": self.resource_allocation,
        }
