"""Hold out known partnerships: the newest by year (random where an edge has no year), in a copy of the graph.

The held-out edges are removed from a training copy of the graph; the recommender and
the baselines see only that copy. For cold-start entities every tie but their profile
(fields, needs, place, chain segment) is removed as well, so they arrive as newcomers.
Newcomers are drawn among the enterprises that ask (the product's cold start: a new
company with a need), or among all askers where no enterprise asks.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from graph_service.domain.entities import BOOKKEEPING
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.export.reading import entities_of, relations_of
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.store import GraphStore

R = RelationType
# Held-out type -> (which end asks, which end is the answer).
PARTNERSHIPS: dict[RelationType, tuple[str, str]] = {
    R.INVESTED_IN: ("target", "source"),
    R.SERVES: ("target", "source"),
    R.COLLABORATED_WITH: ("source", "target"),
    R.STATIONED_AT: ("source", "target"),
    R.TRANSFERRED_TO: ("target", "source"),
}
PROFILE_TYPES = frozenset({R.IN_FIELD, R.NEEDS, R.LOCATED_IN, R.IN_SEGMENT})


@dataclass
class Split:
    """Which (asker, answer kind) pairs were held out, with their answers."""

    truths: dict[tuple[str, EntityKind], set[str]] = field(default_factory=lambda: defaultdict(set))
    cold: set[str] = field(default_factory=set)
    held_out: set[tuple[str, str, str]] = field(default_factory=set)
    kinds: dict[str, EntityKind] = field(default_factory=dict)
    # Per held-out type: "newest" (every tie has a year) or "random" (some have none).
    modes: dict[RelationType, str] = field(default_factory=dict)


def _entities(store: GraphStore) -> Iterator[EntityRecord]:
    for kind in EntityKind:
        for props in entities_of(store, kind):
            clean = {k: v for k, v in props.items() if k not in BOOKKEEPING}
            yield EntityRecord(kind, str(clean["uid"]), clean)


def hold_out(store: GraphStore, *, share: float = 0.2, cold_share: float = 0.1, seed: int = 7) -> Split:
    """Choose the held-out edges: per type the newest ``share`` by year, random where years are missing."""
    rng = random.Random(seed)
    split = Split()
    for kind in EntityKind:
        for props in entities_of(store, kind):
            split.kinds[str(props["uid"])] = kind
    for rel, (ask_end, answer_end) in PARTNERSHIPS.items():
        edges = list(relations_of(store, rel))
        if not edges:
            continue
        dated = [e for e in edges if isinstance(e[2].get("year"), int)]
        if len(dated) == len(edges):
            edges.sort(key=lambda e: (e[2]["year"], rng.random()))
            chosen = edges[int(len(edges) * (1 - share)) :]
            split.modes[rel] = "newest"
        else:
            chosen = rng.sample(edges, max(1, int(len(edges) * share)))
            split.modes[rel] = "random"
        for source, target, _ in chosen:
            ends = {"source": source, "target": target}
            asker, answer = ends[ask_end], ends[answer_end]
            split.truths[(asker, split.kinds[answer])].add(answer)
            split.held_out.add((source, rel.value, target))
    askers = sorted({asker for asker, _ in split.truths if split.kinds[asker] is EntityKind.ENTERPRISE})
    askers = askers or sorted({asker for asker, _ in split.truths})
    split.cold = set(rng.sample(askers, int(len(askers) * cold_share)))
    return split


def write_training_graph(store: GraphStore, train: GraphStore, split: Split) -> int:
    """Copy ``store`` into ``train`` without the held-out edges (and cold entities' ties); returns edges kept."""
    train.clear()
    write_entities(train, _entities(store))
    kept = 0

    def relations() -> Iterator[RelationRecord]:
        nonlocal kept
        for rel in RelationType:
            for source, target, props in relations_of(store, rel):
                if (source, rel.value, target) in split.held_out:
                    continue
                if rel not in PROFILE_TYPES and (source in split.cold or target in split.cold):
                    continue
                kept += 1
                yield RelationRecord(rel, source, target, props)

    write_relations(train, relations())
    return kept
