"""A deterministic synthetic population of any size, hung on the seed ecosystem.

``generate(entities, seed, reference)`` yields every entity record, then every
relationship; the same size and seed give the same records. Two link models draw the
relationships: ``community`` (``links.py``, the default: partners mostly from a hidden
community that also shapes fields and region) and ``structural``
(``structural_links.py``: triadic closure and preferential attachment, attributes
independent of ties). Each module says how its model differs from the recommender.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.synthetic import links, structural_links
from graph_service.synthetic.population import Population, entities, plan
from graph_service.synthetic.reference import Reference

__all__ = ["LINK_MODELS", "Reference", "generate"]

LinkModel = Callable[[Population, Reference, random.Random], Iterator[RelationRecord]]
LINK_MODELS: dict[str, LinkModel] = {
    "community": links.relationships,
    "structural": structural_links.relationships,
}


def generate(
    size: int, seed: int, reference: Reference, *, link_model: str = "community"
) -> Iterator[EntityRecord | RelationRecord]:
    """About ``size`` synthetic entities (all ``synthetic``) and their relationships under ``link_model``."""
    if size < 1:
        raise ValueError("size must be positive")
    if link_model not in LINK_MODELS:
        raise ValueError(f"unknown link model {link_model!r}; one of {', '.join(LINK_MODELS)}")
    rng = random.Random(seed)
    population = plan(size, reference, rng)
    yield from entities(population, reference, rng)
    yield from LINK_MODELS[link_model](population, reference, rng)
