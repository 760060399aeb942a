"""A deterministic synthetic population of any size, hung on the seed ecosystem.

``generate(entities, seed, reference)`` yields every entity record, then every
relationship; the same size and seed give the same records. See ``links.py`` for the
link-formation model and how it differs from the recommender's scoring.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.synthetic.links import relationships
from graph_service.synthetic.population import entities, plan
from graph_service.synthetic.reference import Reference

__all__ = ["Reference", "generate"]


def generate(size: int, seed: int, reference: Reference) -> Iterator[EntityRecord | RelationRecord]:
    """About ``size`` synthetic entities (all ``synthetic``) and their relationships."""
    if size < 1:
        raise ValueError("size must be positive")
    rng = random.Random(seed)
    population = plan(size, reference, rng)
    yield from entities(population, reference, rng)
    yield from relationships(population, reference, rng)
